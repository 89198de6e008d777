#ifndef CARDTOOL_CPREFETCH_H
#define CARDTOOL_CPREFETCH_H

/// A hint that `address` will be read soon: scoring reads records in random order, and fetching
/// a record a few pairs ahead hides the wait for memory. Swift has no prefetch of its own; this
/// header-only function is inlined into the Swift caller.
static inline void cardtool_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// The usable size of a heap block (glibc), to know how many cache lines an object spans.
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
static inline unsigned long cardtool_allocation_size(void *address) {
    return malloc_usable_size(address);
}
#else
static inline unsigned long cardtool_allocation_size(void *address) {
    (void)address;
    return 192;
}
#endif

#endif
