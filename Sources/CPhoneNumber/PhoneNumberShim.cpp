#include "PhoneNumberShim.h"

#include <phonenumbers/phonenumberutil.h>
#include <cstring>
#include <string>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

static void copy_string(const std::string &from, char *to, size_t capacity) {
    size_t n = from.size() < capacity - 1 ? from.size() : capacity - 1;
    std::memcpy(to, from.data(), n);
    to[n] = '\0';
}

extern "C" void cardtool_phone_parse(const char *text, const char *default_region, cardtool_phone_result *result) {
    std::memset(result, 0, sizeof(*result));
    result->type = CARDTOOL_PHONE_UNKNOWN;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(text, default_region ? default_region : "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return;
    }
    result->parsed = 1;
    result->country_code = number.country_code();
    // GetNumberType is UNKNOWN exactly when IsValidNumber is false (both check the region, then
    // match the national number against the region's patterns); one call instead of two, since
    // pattern matching is most of the cost.
    PhoneNumberUtil::PhoneNumberType type = util->GetNumberType(number);
    result->valid = type != PhoneNumberUtil::UNKNOWN ? 1 : 0;
    result->type = static_cast<cardtool_phone_type>(type);
    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    copy_string(formatted, result->e164, sizeof(result->e164));
    std::string region;
    util->GetRegionCodeForNumber(number, &region);
    copy_string(region, result->region, sizeof(result->region));
    copy_string(number.extension(), result->extension, sizeof(result->extension));
}

extern "C" void cardtool_phone_region_for_country_code(int country_code, char *region_out, int capacity) {
    std::string region;
    PhoneNumberUtil::GetInstance()->GetRegionCodeForCountryCode(country_code, &region);
    if (region == "ZZ") region.clear();
    copy_string(region, region_out, static_cast<size_t>(capacity));
}
