// libphonenumber's own metadata (possible lengths, leading digits, the number-type patterns),
// matched without ICU.
//
// libphonenumber decides a number's validity and type by matching it against each type's pattern
// with ICU regular expressions, through a cache of compiled expressions that takes a lock and
// hashes the pattern on every call: about 40,000 instructions a number, and threads queue on the
// lock. The patterns only ever match strings of digits and use a small part of the regular
// expression language (digits, \d, classes, groups, alternation, counted repetition), so they are
// compiled here once into trees and matched by the set of positions each part can end at, which
// is exact (the same answers as a full match) and needs no backtracking. The decisions mirror
// PhoneNumberUtil's GetNumberType and GetRegionCodeForNumber step by step; a region whose
// metadata uses anything else is left to libphonenumber.
#ifndef CARDTOOL_NUMBER_PATTERNS_H
#define CARDTOOL_NUMBER_PATTERNS_H

#include <phonenumbers/phonenumberutil.h>
#include <string>

namespace cardtool {

class NumberPatterns {
public:
    /// The one instance, built from libphonenumber's compiled-in metadata on first use.
    static const NumberPatterns &shared();

    /// The type of the national significant number `national` (digits only, no leading zero) in
    /// `country_code`, and the region it belongs to ("ZZ" when none), as GetNumberType and
    /// GetRegionCodeForNumber would answer. False when this country code is not covered here.
    bool type(int country_code, const std::string &national, i18n::phonenumbers::PhoneNumberUtil::PhoneNumberType *type,
              std::string *region) const;

    /// See cardtool_phone_patterns_selfcheck.
    long selfCheck(unsigned long seed, int perPattern, long *checked) const;

    struct Impl;

private:
    NumberPatterns();
    Impl *impl_;
};

}  // namespace cardtool

#endif
