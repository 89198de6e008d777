#include "NumberPatterns.h"

#include <phonenumbers/phonemetadata.pb.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
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

/// A pattern as a deterministic automaton over digits: one table lookup a digit. Matching a
/// number against a type's pattern by the positions each part can end at (``apply``) walks the
/// whole tree, thousands of instructions for Mexico's area-code lists; the automaton is built
/// once, from the pattern's Glushkov positions (each digit set of the pattern, with counted
/// repetitions written out), by subset construction.
struct Automaton {
    std::vector<std::array<int32_t, 10>> next;   // -1: no match possible
    std::vector<uint8_t> accepting;
    bool usable = false;

    /// States beyond this and the pattern keeps being matched by ``apply`` (never reached by
    /// libphonenumber's metadata, whose patterns are prefix lists followed by counted digits).
    static constexpr size_t maxStates = 20000;

    struct Positions {
        std::vector<uint16_t> digits;
        std::vector<std::vector<int>> follow;
    };
    struct Part {
        bool nullable = true;
        std::vector<int> first, last;
    };

    static void link(Positions &g, const std::vector<int> &from, const std::vector<int> &to) {
        for (int p : from) g.follow[p].insert(g.follow[p].end(), to.begin(), to.end());
    }

    /// The part after `a`, then `b`.
    static Part sequence(Positions &g, Part a, const Part &b) {
        link(g, a.last, b.first);
        if (a.nullable) a.first.insert(a.first.end(), b.first.begin(), b.first.end());
        if (b.nullable) a.last.insert(a.last.end(), b.last.begin(), b.last.end());
        else a.last = b.last;
        a.nullable = a.nullable && b.nullable;
        return a;
    }

    static Part once(const Node &node, Positions &g) {
        Part part;
        switch (node.kind) {
        case Node::Digits: {
            const int p = static_cast<int>(g.digits.size());
            g.digits.push_back(node.digits);
            g.follow.emplace_back();
            part.nullable = false;
            part.first = {p};
            part.last = {p};
            break;
        }
        case Node::Sequence:
            for (const Node &child : node.children) part = sequence(g, std::move(part), build(child, g));
            break;
        case Node::Alternation:
            part.nullable = false;
            for (const Node &child : node.children) {
                Part c = build(child, g);
                part.nullable = part.nullable || c.nullable;
                part.first.insert(part.first.end(), c.first.begin(), c.first.end());
                part.last.insert(part.last.end(), c.last.begin(), c.last.end());
            }
            break;
        }
        return part;
    }

    /// `node` with its repetition: min copies, then max - min optional ones (or one that repeats).
    static Part build(const Node &node, Positions &g) {
        if (node.min == 1 && node.max == 1) return once(node, g);
        Part part;
        for (int i = 0; i < node.min; ++i) part = sequence(g, std::move(part), once(node, g));
        if (node.max < 0) {
            Part loop = once(node, g);
            link(g, loop.last, loop.first);
            loop.nullable = true;
            part = sequence(g, std::move(part), loop);
        } else {
            for (int i = node.min; i < node.max; ++i) {
                Part optional = once(node, g);
                optional.nullable = true;
                part = sequence(g, std::move(part), optional);
            }
        }
        return part;
    }

    explicit Automaton(const Node &pattern) {
        Positions g;
        Part top = build(pattern, g);
        if (g.digits.size() > 100000) return;
        std::vector<uint8_t> isLast(g.digits.size(), 0);
        for (int p : top.last) isLast[p] = 1;
        for (auto &f : g.follow) {
            std::sort(f.begin(), f.end());
            f.erase(std::unique(f.begin(), f.end()), f.end());
        }
        std::sort(top.first.begin(), top.first.end());
        top.first.erase(std::unique(top.first.begin(), top.first.end()), top.first.end());
        // State 0 is the start: its successors are the first positions.
        std::map<std::vector<int>, int32_t> ids;
        std::vector<std::vector<int>> states{{}};
        next.push_back({});
        accepting.push_back(top.nullable ? 1 : 0);
        for (size_t s = 0; s < states.size(); ++s) {
            for (int d = 0; d < 10; ++d) {
                std::vector<int> target;
                auto add = [&](const std::vector<int> &candidates) {
                    for (int q : candidates) if (g.digits[q] >> d & 1) target.push_back(q);
                };
                if (s == 0) add(top.first);
                else for (int p : states[s]) add(g.follow[p]);
                if (target.empty()) { next[s][d] = -1; continue; }
                std::sort(target.begin(), target.end());
                target.erase(std::unique(target.begin(), target.end()), target.end());
                auto found = ids.find(target);
                if (found != ids.end()) { next[s][d] = found->second; continue; }
                if (states.size() >= maxStates) return;
                const int32_t id = static_cast<int32_t>(states.size());
                uint8_t accept = 0;
                for (int q : target) accept |= isLast[q];
                ids.emplace(target, id);
                states.push_back(std::move(target));
                next.push_back({});
                accepting.push_back(accept);
                next[s][d] = id;
            }
        }
        usable = true;
    }

    bool matches(const std::string &digits) const {
        int32_t state = 0;
        for (char c : digits) {
            state = next[static_cast<size_t>(state)][static_cast<size_t>(c - '0')];
            if (state < 0) return false;
        }
        return accepting[static_cast<size_t>(state)] != 0;
    }
};

/// A PhoneNumberDesc: its possible lengths and its national-number pattern.
struct Desc {
    std::vector<int> lengths;
    bool hasPattern = false;
    Node pattern;
    /// Built on the first match (most regions are never asked about); shared by the threads.
    struct Lazy {
        std::once_flag once;
        std::unique_ptr<Automaton> automaton;
    };
    std::shared_ptr<Lazy> lazy = std::make_shared<Lazy>();

    /// PhoneNumberUtil::IsNumberMatchingDesc: the length first, then a full match.
    bool matches(const std::string &national) const {
        if (!lengths.empty() && std::find(lengths.begin(), lengths.end(), static_cast<int>(national.size())) == lengths.end())
            return false;
        if (!hasPattern) return false;
        std::call_once(lazy->once, [this] { lazy->automaton = std::make_unique<Automaton>(pattern); });
        if (lazy->automaton->usable) return lazy->automaton->matches(national);
        return matchesByPositions(national);
    }

    /// The same by the positions each part of the pattern can end at (tests compare the two).
    bool matchesByPositions(const std::string &national) const {
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

long NumberPatterns::selfCheck(unsigned long seed, int perPattern, long *checked) const {
    unsigned long long state = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    auto random = [&](int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<unsigned long long>(n));
    };
    long mismatches = 0, count = 0;
    for (const Region &r : impl_->regions) {
        for (const Desc *d : {&r.general, &r.premiumRate, &r.tollFree, &r.sharedCost, &r.voip, &r.personal, &r.pager,
                              &r.uan, &r.voicemail, &r.fixedLine, &r.mobile}) {
            if (!d->hasPattern) continue;
            std::vector<int> lengths = d->lengths.empty() ? std::vector<int>{4, 6, 8, 9, 10, 11, 12} : d->lengths;
            // Strings that follow the pattern's own leading digits now and then, so that matches
            // are found too: a random national number of a region's length rarely is valid.
            std::string seen;
            for (int i = 0; i < perPattern; ++i) {
                const int length = lengths[static_cast<size_t>(random(static_cast<int>(lengths.size())))];
                std::string digits;
                if (!seen.empty() && random(2) == 0) digits = seen.substr(0, static_cast<size_t>(random(static_cast<int>(seen.size()) + 1)));
                while (static_cast<int>(digits.size()) < length) digits.push_back(static_cast<char>('0' + random(10)));
                digits.resize(static_cast<size_t>(length));
                const bool byPositions = d->matchesByPositions(digits);
                if (byPositions) seen = digits;
                if (d->matches(digits) != (byPositions && (d->lengths.empty() || std::find(d->lengths.begin(), d->lengths.end(), length) != d->lengths.end())))
                    ++mismatches;
                ++count;
            }
        }
    }
    if (checked) *checked = count;
    return mismatches;
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
