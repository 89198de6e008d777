// libxml2 for Swift. libxml2's headers pull in the system ICU when it was built with ICU, which
// clashes with the ICU inside Foundation: include the version header, drop ICU, then the rest.
#ifndef CARDTOOL_CLIBXML2_SHIM_H
#define CARDTOOL_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

// xmlFree is a global function pointer, which Swift 6 sees as shared mutable state.
static inline void cardtool_xml_free(void *pointer) { xmlFree(pointer); }

#endif
