// A small C API over Google's libphonenumber (C++), so Swift can call it without C++ interop.
#ifndef CARDTOOL_PHONE_NUMBER_SHIM_H
#define CARDTOOL_PHONE_NUMBER_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/// libphonenumber's number types, in its own order.
typedef enum {
    CARDTOOL_PHONE_FIXED_LINE = 0,
    CARDTOOL_PHONE_MOBILE = 1,
    CARDTOOL_PHONE_FIXED_LINE_OR_MOBILE = 2,
    CARDTOOL_PHONE_TOLL_FREE = 3,
    CARDTOOL_PHONE_PREMIUM_RATE = 4,
    CARDTOOL_PHONE_SHARED_COST = 5,
    CARDTOOL_PHONE_VOIP = 6,
    CARDTOOL_PHONE_PERSONAL_NUMBER = 7,
    CARDTOOL_PHONE_PAGER = 8,
    CARDTOOL_PHONE_UAN = 9,
    CARDTOOL_PHONE_VOICEMAIL = 10,
    CARDTOOL_PHONE_UNKNOWN = 11
} cardtool_phone_type;

typedef struct {
    /// 0 when the text could not be parsed at all.
    int parsed;
    /// 1 when libphonenumber says the number is valid for its region (its type is known).
    int valid;
    int country_code;
    cardtool_phone_type type;
    char e164[32];
    char region[4];
    char extension[32];
} cardtool_phone_result;

/// Parses `text` (UTF-8) with `default_region` (ISO 3166 alpha-2, e.g. "ES") for national numbers.
void cardtool_phone_parse(const char *text, const char *default_region, cardtool_phone_result *result);

/// The same through libphonenumber's Parse every time, without the fast path for plain digits
/// (tests check that both agree).
void cardtool_phone_parse_full(const char *text, const char *default_region, cardtool_phone_result *result);

/// Only the fast path of cardtool_phone_parse: 1 with `result` filled when it answers, 0 when the
/// number needs libphonenumber's Parse (a caller may cache those, which cost far more).
int cardtool_phone_parse_fast(const char *text, const char *default_region, cardtool_phone_result *result);

/// 1 when numbers of `country_code` are typed from libphonenumber's metadata without ICU (see
/// NumberPatterns.h), 0 when they go through libphonenumber's own matcher.
int cardtool_phone_patterns_cover(int country_code);

/// Checks the automata NumberPatterns matches with against its matching by positions: for every
/// pattern of every region, `per_pattern` pseudo-random digit strings (from `seed`) of the
/// pattern's lengths. Returns how many strings the two disagreed on; `checked` gets how many
/// were compared. For tests.
long cardtool_phone_patterns_selfcheck(unsigned long seed, int per_pattern, long *checked);

/// The main region for a country calling code ("34" → "ES"); writes "" when unknown.
void cardtool_phone_region_for_country_code(int country_code, char *region_out, int capacity);

#ifdef __cplusplus
}
#endif

#endif
