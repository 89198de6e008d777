#include "NumberPatterns.h"

#include <phonenumbers/phonemetadata.pb.h>

#include <algorithm>
#include <cstdint>
#include <list>
#include <unordered_map>
#include <vector>

// libphonenumber's compiled-in metadata, as its own loader reads it (exported by the library).
namespace i18n {
namespace phonenumbers {
int metadata_size();
const void *metadata_get();
}  // namespace phonenumbers
}  // namespace i18n

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumberDesc;
using i18n::phonenumbers::PhoneNumberUtil;

namespace cardtool {
namespace {

/// One part of a pattern: a set of digits, a sequence or an alternation, repeated min..max times
/// (max -1: without bound).
struct Node {
    enum Kind { Digits, Sequence, Alternation } kind = Digits;
    uint16_t digits = 0;
    std::vector<Node> children;
    int min = 1, max = 1;
    /// The digits a match can start with, and whether it can match nothing (see `analyze`).
    uint16_t first = 0;
    bool nullable = false;
};

/// Works out `first` and `nullable` for a node and its children, so that matching skips a
/// sequence or an alternative that cannot start with any digit found at its start positions
/// (most alternatives of a type pattern start with other digits than the number's).
void analyze(Node &node) {
    for (Node &child : node.children) analyze(child);
    bool empty = false;
    uint16_t first = 0;
    switch (node.kind) {
    case Node::Digits:
        first = node.digits;
        break;
    case Node::Sequence:
        empty = true;
        for (const Node &child : node.children) {
            first |= child.first;
            if (!child.nullable) { empty = false; break; }
        }
        break;
    case Node::Alternation:
        for (const Node &child : node.children) {
            first |= child.first;
            if (child.nullable) empty = true;
        }
        break;
    }
    node.first = first;
    node.nullable = empty || node.min == 0;
}

/// A recursive-descent reader of the regular expressions in the metadata; `failed` is set on
/// anything outside the subset (the region is then left to libphonenumber).
struct PatternReader {
    const std::string &text;
    size_t at = 0;
    bool failed = false;

    explicit PatternReader(const std::string &text) : text(text) {}

    bool more() const { return at < text.size(); }
    char peek() const { return more() ? text[at] : '\0'; }

    Node alternation() {
        Node node;
        node.kind = Node::Alternation;
        node.children.push_back(sequence());
        while (!failed && peek() == '|') {
            ++at;
            node.children.push_back(sequence());
        }
        return node;
    }

    Node sequence() {
        Node node;
        node.kind = Node::Sequence;
        while (!failed && more() && peek() != '|' && peek() != ')') node.children.push_back(item());
        return node;
    }

    Node item() {
        Node node = atom();
        if (failed) return node;
        char c = peek();
        if (c == '?') { ++at; node.min = 0; node.max = 1; }
        else if (c == '*') { ++at; node.min = 0; node.max = -1; }
        else if (c == '+') { ++at; node.min = 1; node.max = -1; }
        else if (c == '{') {
            ++at;
            int low = number(), high = low;
            if (peek() == ',') {
                ++at;
                high = peek() == '}' ? -1 : number();
            }
            if (peek() != '}') { failed = true; return node; }
            ++at;
            node.min = low;
            node.max = high;
        }
        if (peek() == '?' || peek() == '+') failed = true;   // lazy or possessive: not in the subset
        return node;
    }

    int number() {
        if (!more() || peek() < '0' || peek() > '9') { failed = true; return 0; }
        int n = 0;
        while (more() && peek() >= '0' && peek() <= '9') n = n * 10 + (text[at++] - '0');
        return n;
    }

    Node atom() {
        Node node;
        char c = peek();
        if (c >= '0' && c <= '9') {
            ++at;
            node.digits = static_cast<uint16_t>(1u << (c - '0'));
        } else if (c == '\\' && at + 1 < text.size() && text[at + 1] == 'd') {
            at += 2;
            node.digits = 0x3FF;
        } else if (c == '[') {
            ++at;
            if (peek() == '^') { failed = true; return node; }
            while (more() && peek() != ']') {
                if (peek() == '\\' && at + 1 < text.size() && text[at + 1] == 'd') {
                    at += 2;
                    node.digits = 0x3FF;
                    continue;
                }
                char low = text[at++];
                if (low < '0' || low > '9') { failed = true; return node; }
                char high = low;
                if (peek() == '-' && at + 1 < text.size() && text[at + 1] != ']') {
                    high = text[at + 1];
                    at += 2;
                    if (high < low || high > '9') { failed = true; return node; }
                }
                for (char d = low; d <= high; ++d) node.digits |= static_cast<uint16_t>(1u << (d - '0'));
            }
            if (peek() != ']') { failed = true; return node; }
            ++at;
        } else if (c == '(') {
            ++at;
            if (peek() == '?') {
                if (at + 1 < text.size() && text[at + 1] == ':') at += 2;
                else { failed = true; return node; }
            }
            node = alternation();
            if (peek() != ')') { failed = true; return node; }
            ++at;
        } else {
            failed = true;
        }
        return node;
    }
};

/// Where matching `node` once can end, from each start position in `starts` (bit i: position i).
uint32_t apply(const Node &node, uint32_t starts, const std::string &s);

uint32_t once(const Node &node, uint32_t starts, const std::string &s) {
    switch (node.kind) {
    case Node::Digits: {
        uint32_t ends = 0;
        const size_t n = s.size();
        for (uint32_t rest = starts; rest != 0; rest &= rest - 1) {
            unsigned p = static_cast<unsigned>(__builtin_ctz(rest));
            if (p < n && (node.digits >> (s[p] - '0') & 1)) ends |= 1u << (p + 1);
        }
        return ends;
    }
    case Node::Sequence: {
        uint32_t current = starts;
        for (const Node &child : node.children) {
            current = apply(child, current, s);
            if (current == 0) break;
        }
        return current;
    }
    case Node::Alternation: {
        uint32_t ends = 0;
        for (const Node &child : node.children) ends |= apply(child, starts, s);
        return ends;
    }
    }
    return 0;
}

uint32_t apply(const Node &node, uint32_t starts, const std::string &s) {
    if (node.kind != Node::Digits && !node.nullable) {
        // Nothing can match unless a start position holds one of the node's first digits.
        uint16_t present = 0;
        const size_t n = s.size();
        for (uint32_t rest = starts; rest != 0; rest &= rest - 1) {
            unsigned p = static_cast<unsigned>(__builtin_ctz(rest));
            if (p < n) present |= static_cast<uint16_t>(1u << (s[p] - '0'));
        }
        if ((present & node.first) == 0) return 0;
    }
    if (node.min == 1 && node.max == 1) return once(node, starts, s);
    uint32_t current = starts;
    for (int i = 0; i < node.min && current != 0; ++i) current = once(node, current, s);
    uint32_t ends = current;
    if (node.max < 0) {
        // Without bound: until no new position is reached (at most one round per digit).
        while (current != 0) {
            current = once(node, current, s) & ~ends;
            ends |= current;
        }
    } else {
        for (int i = node.min; i < node.max && current != 0; ++i) {
            current = once(node, current, s);
            ends |= current;
        }
    }
    return ends;
}

/// A PhoneNumberDesc: its possible lengths and its national-number pattern.
struct Desc {
    std::vector<int> lengths;
    bool hasPattern = false;
    Node pattern;

    /// PhoneNumberUtil::IsNumberMatchingDesc: the length first, then a full match.
    bool matches(const std::string &national) const {
        if (!lengths.empty() && std::find(lengths.begin(), lengths.end(), static_cast<int>(national.size())) == lengths.end())
            return false;
        if (!hasPattern) return false;
        return (apply(pattern, 1u, national) >> national.size()) & 1;
    }
};

struct Region {
    std::string id;
    bool hasLeadingDigits = false;
    Node leadingDigits;
    bool sameMobileAndFixedLine = false;
    Desc general, premiumRate, tollFree, sharedCost, voip, personal, pager, uan, voicemail, fixedLine, mobile;
    bool covered = true;

    /// PhoneNumberUtil::GetNumberTypeHelper, in its order.
    PhoneNumberUtil::PhoneNumberType type(const std::string &n) const {
        if (!general.matches(n)) return PhoneNumberUtil::UNKNOWN;
        if (premiumRate.matches(n)) return PhoneNumberUtil::PREMIUM_RATE;
        if (tollFree.matches(n)) return PhoneNumberUtil::TOLL_FREE;
        if (sharedCost.matches(n)) return PhoneNumberUtil::SHARED_COST;
        if (voip.matches(n)) return PhoneNumberUtil::VOIP;
        if (personal.matches(n)) return PhoneNumberUtil::PERSONAL_NUMBER;
        if (pager.matches(n)) return PhoneNumberUtil::PAGER;
        if (uan.matches(n)) return PhoneNumberUtil::UAN;
        if (voicemail.matches(n)) return PhoneNumberUtil::VOICEMAIL;
        if (fixedLine.matches(n)) {
            if (sameMobileAndFixedLine || mobile.matches(n)) return PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
            return PhoneNumberUtil::FIXED_LINE;
        }
        if (!sameMobileAndFixedLine && mobile.matches(n)) return PhoneNumberUtil::MOBILE;
        return PhoneNumberUtil::UNKNOWN;
    }
};

Desc compile(const PhoneNumberDesc &desc, bool &covered) {
    Desc out;
    for (int i = 0; i < desc.possible_length_size(); ++i) out.lengths.push_back(desc.possible_length(i));
    const std::string &pattern = desc.national_number_pattern();
    if (!pattern.empty()) {
        PatternReader reader(pattern);
        out.pattern = reader.alternation();
        analyze(out.pattern);
        out.hasPattern = true;
        if (reader.failed || reader.more()) covered = false;
    }
    return out;
}

}  // namespace

struct NumberPatterns::Impl {
    std::vector<Region> regions;
    /// Country calling code → its regions in libphonenumber's order (the main country first).
    std::unordered_map<int, std::vector<const Region *>> byCode;
};

NumberPatterns::NumberPatterns() : impl_(new Impl) {
    PhoneMetadataCollection collection;
    if (!collection.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size())) return;
    impl_->regions.reserve(static_cast<size_t>(collection.metadata_size()));
    std::unordered_map<std::string, size_t> index;
    std::vector<int> codes;
    for (const PhoneMetadata &m : collection.metadata()) {
        if (m.id() == "001") continue;   // non-geographic entities: never reached from here
        Region r;
        r.id = m.id();
        r.sameMobileAndFixedLine = m.same_mobile_and_fixed_line_pattern();
        bool covered = true;
        if (m.has_leading_digits()) {
            r.hasLeadingDigits = true;
            PatternReader reader(m.leading_digits());
            r.leadingDigits = reader.alternation();
            analyze(r.leadingDigits);
            if (reader.failed || reader.more()) covered = false;
        }
        r.general = compile(m.general_desc(), covered);
        r.premiumRate = compile(m.premium_rate(), covered);
        r.tollFree = compile(m.toll_free(), covered);
        r.sharedCost = compile(m.shared_cost(), covered);
        r.voip = compile(m.voip(), covered);
        r.personal = compile(m.personal_number(), covered);
        r.pager = compile(m.pager(), covered);
        r.uan = compile(m.uan(), covered);
        r.voicemail = compile(m.voicemail(), covered);
        r.fixedLine = compile(m.fixed_line(), covered);
        r.mobile = compile(m.mobile(), covered);
        r.covered = covered;
        index[r.id] = impl_->regions.size();
        impl_->regions.push_back(std::move(r));
        if (std::find(codes.begin(), codes.end(), m.country_code()) == codes.end()) codes.push_back(m.country_code());
    }
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    for (int code : codes) {
        std::list<std::string> ids;
        util->GetRegionCodesForCountryCallingCode(code, &ids);
        std::vector<const Region *> list;
        bool covered = !ids.empty();
        for (const std::string &id : ids) {
            auto found = index.find(id);
            if (found == index.end() || !impl_->regions[found->second].covered) { covered = false; break; }
            list.push_back(&impl_->regions[found->second]);
        }
        if (covered) impl_->byCode[code] = std::move(list);
    }
}

const NumberPatterns &NumberPatterns::shared() {
    static const NumberPatterns *instance = new NumberPatterns();
    return *instance;
}

bool NumberPatterns::type(int country_code, const std::string &national, PhoneNumberUtil::PhoneNumberType *type,
                          std::string *region) const {
    auto found = impl_->byCode.find(country_code);
    if (found == impl_->byCode.end()) return false;
    for (char c : national) if (c < '0' || c > '9') return false;
    if (national.size() > 30) return false;
    const std::vector<const Region *> &regions = found->second;
    const Region *owner = nullptr;
    if (regions.size() == 1) {
        owner = regions.front();
    } else {
        // PhoneNumberUtil::GetRegionCodeForNumberFromRegionList: leading digits decide when a
        // region has them, else the first region where the number has a type.
        for (const Region *r : regions) {
            if (r->hasLeadingDigits ? apply(r->leadingDigits, 1u, national) != 0
                                    : r->type(national) != PhoneNumberUtil::UNKNOWN) {
                owner = r;
                break;
            }
        }
    }
    if (owner == nullptr) {
        *region = "ZZ";
        *type = PhoneNumberUtil::UNKNOWN;
        return true;
    }
    *region = owner->id;
    *type = owner->type(national);
    return true;
}

}  // namespace cardtool
