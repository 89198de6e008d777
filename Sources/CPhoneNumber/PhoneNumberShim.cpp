#include "PhoneNumberShim.h"
#include "NumberPatterns.h"

#include <phonenumbers/phonenumberutil.h>
#include <cstring>
#include <string>
#include <vector>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

static void copy_string(const std::string &from, char *to, size_t capacity) {
    size_t n = from.size() < capacity - 1 ? from.size() : capacity - 1;
    std::memcpy(to, from.data(), n);
    to[n] = '\0';
}

/// Whether a calling code (1 to 999) belongs to some region, as GetRegionCodeForCountryCode
/// answers it: asked once per code, not once per digit of every international number read.
static bool is_country_code(int code) {
    static const std::vector<bool> known = [] {
        std::vector<bool> table(1000, false);
        const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
        for (int c = 1; c < 1000; ++c) {
            std::string region;
            util->GetRegionCodeForCountryCode(c, &region);
            table[c] = region != "ZZ";
        }
        return table;
    }();
    return code > 0 && code < 1000 && known[code];
}

/// The common case without Parse: `+CC` and digits, or national digits, with only spaces, dashes,
/// dots, slashes and brackets between them. Parse runs several regular expressions (ICU) before it
/// gets here; building the number directly and asking for its type (through ``NumberPatterns``,
/// libphonenumber's metadata without ICU) gives the same answer whenever the digits are the
/// number as written. Anything else (a national or trunk prefix Parse would strip, a leading 0
/// after the country code, letters, an extension) returns false and goes through Parse, which
/// strips prefixes by the region's rules. An invalid number is answered here too, unless a
/// prefix was stripped or national digits start with the region's own country code: Parse may
/// then read the digits differently (it keeps a prefix that leaves no viable number, and takes
/// a country code written without `+`).
static bool fast_parse(const PhoneNumberUtil *util, const char *text, const char *region, PhoneNumber *number,
                       PhoneNumberUtil::PhoneNumberType *type, std::string *number_region) {
    char digits[24];
    size_t count = 0;
    bool plus = false;
    for (const char *p = text; *p; ++p) {
        char c = *p;
        if (c >= '0' && c <= '9') {
            if (count == sizeof(digits) - 1) return false;
            digits[count++] = c;
        } else if (c == '+' && count == 0 && !plus) {
            plus = true;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
            return false;
        }
    }
    digits[count] = '\0';
    if (count < 5 || count > 17) return false;
    int country_code = 0;
    const char *national = digits;
    bool international = plus;
    // "00" is the international prefix in these regions ("0034 612…" from Spain).
    static const char *const idd00[] = {"ES", "MX", "FR", "DE", "IT", "GB", "PT", "PE"};
    if (!plus && digits[0] == '0' && digits[1] == '0') {
        bool known = false;
        for (const char *r : idd00) known = known || std::strcmp(r, region) == 0;
        if (!known) return false;
        international = true;
        national = digits + 2;
    }
    if (international) {
        if (*national == '0') return false;
        int candidate = 0;
        const char *start = national;
        for (int length = 1; length <= 3 && start[length - 1] != '\0'; ++length) {
            candidate = candidate * 10 + (start[length - 1] - '0');
            if (is_country_code(candidate)) {
                country_code = candidate;
                national = start + length;
                break;
            }
        }
    } else {
        country_code = util->GetCountryCodeForRegion(region);
    }
    // Only countries whose national-prefix rules are simple enough to apply here; tests compare
    // every leading pair of digits, with and without these prefixes, with Parse. Each strips what
    // Parse strips (trunk 0 in France, the UK, Germany and Peru, also after "+CC (0)"; the NANP
    // trunk 1; Mexico's 01/02/044/045 and legacy mobile 1), then lists the first digits it leaves
    // to Parse. Argentina, Brazil and the rest always go through Parse.
    const char *parse_first;
    const char *unstripped = national;
    switch (country_code) {
    case 1:
        if (!international && std::strlen(national) == 11 && national[0] == '1') ++national;
        parse_first = "01";
        break;
    case 52:
        if (std::strncmp(national, "044", 3) == 0 || std::strncmp(national, "045", 3) == 0) national += 3;
        else if (std::strncmp(national, "01", 2) == 0 || std::strncmp(national, "02", 2) == 0) national += 2;
        else if (national[0] == '1') ++national;
        parse_first = "01";
        break;
    case 33: case 44: case 49: case 51:
        if (national[0] == '0' && national[1] != '0') ++national;
        parse_first = "0";
        break;
    case 56: parse_first = "01"; break;
    case 34: case 39: case 57: case 351: parse_first = "0"; break;
    default: return false;
    }
    if (std::strlen(national) < 2 || std::strchr(parse_first, *national) != nullptr || std::strlen(national) > 15) return false;
    number->set_country_code(country_code);
    number->set_national_number(std::strtoull(national, nullptr, 10));
    if (!cardtool::NumberPatterns::shared().type(country_code, national, type, number_region)) {
        *type = util->GetNumberType(*number);
        util->GetRegionCodeForNumber(*number, number_region);
    }
    if (*type != PhoneNumberUtil::UNKNOWN) return true;
    if (national != unstripped) return false;
    if (!international) {
        const std::string code = std::to_string(country_code);
        if (std::strncmp(digits, code.c_str(), code.size()) == 0) return false;
    }
    return true;
}

/// A trailing extension as libphonenumber's Parse strips it before reading the number: ` ext. 7`,
/// ` ext 12`, ` x 340` (one to six digits, after a space). `number` gets the text before it.
/// Parse then reads the rest as it would without the extension, so the fast path can too; any
/// other form (`;ext=`, `#`, `anexo`, letters elsewhere) is left to Parse.
static bool split_extension(const char *text, std::string *number, std::string *extension) {
    size_t end = std::strlen(text);
    while (end > 0 && text[end - 1] == ' ') --end;
    size_t start = end;
    while (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9') --start;
    if (start == end || end - start > 6) return false;
    size_t p = start;
    while (p > 0 && text[p - 1] == ' ') --p;
    auto lower = [&](size_t i) { return static_cast<char>(text[i] | 0x20); };
    if (p >= 4 && text[p - 1] == '.' && lower(p - 4) == 'e' && lower(p - 3) == 'x' && lower(p - 2) == 't') p -= 4;
    else if (p >= 3 && lower(p - 3) == 'e' && lower(p - 2) == 'x' && lower(p - 1) == 't') p -= 3;
    else if (p >= 1 && lower(p - 1) == 'x') p -= 1;
    else return false;
    if (p < 2 || text[p - 1] != ' ') return false;
    number->assign(text, p);
    extension->assign(text + start, end - start);
    return true;
}

static void fill(cardtool_phone_result *result, const PhoneNumber &number, PhoneNumberUtil::PhoneNumberType type,
                 const std::string &formatted, const std::string &number_region) {
    result->parsed = 1;
    result->country_code = number.country_code();
    result->valid = type != PhoneNumberUtil::UNKNOWN ? 1 : 0;
    result->type = static_cast<cardtool_phone_type>(type);
    copy_string(formatted, result->e164, sizeof(result->e164));
    copy_string(number_region, result->region, sizeof(result->region));
    copy_string(number.extension(), result->extension, sizeof(result->extension));
}

/// The fast path alone; false when Parse has to decide.
static bool parse_fast(const char *text, const char *default_region, cardtool_phone_result *result) {
    std::memset(result, 0, sizeof(*result));
    result->type = CARDTOOL_PHONE_UNKNOWN;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    const char *region = default_region ? default_region : "ZZ";
    PhoneNumber number;
    PhoneNumberUtil::PhoneNumberType type;
    std::string number_region;
    std::string without_extension, extension;
    const bool has_extension = split_extension(text, &without_extension, &extension);
    if (!fast_parse(util, has_extension ? without_extension.c_str() : text, region, &number, &type, &number_region)) return false;
    // No Italian leading zero here: the fast path never keeps a national number starting with 0.
    const std::string formatted = "+" + std::to_string(number.country_code()) + std::to_string(number.national_number());
    if (has_extension) number.set_extension(extension);
    fill(result, number, type, formatted, number_region);
    return true;
}

static void parse(const char *text, const char *default_region, cardtool_phone_result *result, bool allow_fast) {
    if (allow_fast && parse_fast(text, default_region, result)) return;
    std::memset(result, 0, sizeof(*result));
    result->type = CARDTOOL_PHONE_UNKNOWN;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    const char *region = default_region ? default_region : "ZZ";
    PhoneNumber number;
    PhoneNumberUtil::PhoneNumberType type;
    std::string number_region;
    std::string formatted;
    {
        number.Clear();
        if (util->Parse(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
            return;
        }
        // GetNumberType is UNKNOWN exactly when IsValidNumber is false (both check the region,
        // then match the national number against the region's patterns); one call instead of
        // two, since pattern matching is most of the cost.
        type = util->GetNumberType(number);
        util->Format(number, PhoneNumberUtil::E164, &formatted);
        util->GetRegionCodeForNumber(number, &number_region);
    }
    fill(result, number, type, formatted, number_region);
}

extern"C" int cardtool_phone_parse_fast(const char *text, const char *default_region, cardtool_phone_result *result) {
    return parse_fast(text, default_region, result) ? 1 : 0;
}

extern "C" void cardtool_phone_region_for_country_code(int country_code, char *region_out, int capacity) {
    std::string region;
    PhoneNumberUtil::GetInstance()->GetRegionCodeForCountryCode(country_code, &region);
    if (region == "ZZ") region.clear();
    copy_string(region, region_out, static_cast<size_t>(capacity));
}

extern "C" void cardtool_phone_parse(const char *text, const char *default_region, cardtool_phone_result *result) {
    parse(text, default_region, result, true);
}

extern "C" void cardtool_phone_parse_full(const char *text, const char *default_region, cardtool_phone_result *result) {
    parse(text, default_region, result, false);
}

extern "C" int cardtool_phone_patterns_cover(int country_code) {
    PhoneNumberUtil::PhoneNumberType type;
    std::string region;
    return cardtool::NumberPatterns::shared().type(country_code, "1", &type, &region) ? 1 : 0;
}

extern "C" long cardtool_phone_patterns_selfcheck(unsigned long seed, int per_pattern, long *checked) {
    return cardtool::NumberPatterns::shared().selfCheck(seed, per_pattern, checked);
}
