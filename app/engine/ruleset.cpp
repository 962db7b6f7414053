#include "engine/ruleset.h"

#include "base/jsonfaults.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>
#include <cctype>

namespace sockscope {

namespace {
constexpr int kMaxDelayMs = 3'600'000;

// "0a 0B ff" -> bytes; nullopt for anything else.
std::optional<QByteArray> hexBytes(const QString& text) {
    QByteArray digits = text.toLatin1();
    digits.replace(' ', QByteArray());
    if (digits.size() % 2 != 0 || text.size() != text.toLatin1().size())
        return std::nullopt;
    for (const char c : digits) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
    }
    return QByteArray::fromHex(digits);
}

// A message as regexes see it: UTF-8 when it is, else one character per
// byte (Latin-1), so that binary messages match and capture exactly.
struct RegexSubject {
    QString text;
    bool utf8 = true;

    explicit RegexSubject(const QByteArray& message) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        text = decoder(message);
        if (decoder.hasError()) {
            utf8 = false;
            text = QString::fromLatin1(message);
        }
    }
    QByteArray bytes(const QString& part) const { return utf8 ? part.toUtf8() : part.toLatin1(); }
};

bool endsOrStartsWith(const QByteArray& message, const QByteArray& part, bool atEnd) {
    return atEnd ? message.endsWith(part) : message.startsWith(part);
}

bool evaluate(const RulePredicate& p, const QByteArray& message, const RegexSubject& subject,
              RuleSet::Match* match) {
    using Kind = RulePredicate::Kind;
    const auto folded = [&p](const QByteArray& bytes) {
        return p.ignoreCase ? bytes.toLower() : bytes;
    };
    switch (p.kind) {
    case Kind::Equals:
    case Kind::HexEquals:
        return folded(message) == p.bytes;
    case Kind::Contains:
        return folded(message).contains(p.bytes);
    case Kind::StartsWith:
    case Kind::EndsWith:
        return endsOrStartsWith(folded(message), p.bytes, p.kind == Kind::EndsWith);
    case Kind::Regex: {
        const QRegularExpressionMatch found = p.regex.match(subject.text);
        if (!found.hasMatch())
            return false;
        if (match->numbered.isEmpty()) {
            for (int i = 0; i <= found.lastCapturedIndex(); ++i)
                match->numbered.append(subject.bytes(found.captured(i)));
        }
        for (const QString& name : p.regex.namedCaptureGroups()) {
            if (!name.isEmpty())
                match->named.append({name, subject.bytes(found.captured(name))});
        }
        return true;
    }
    case Kind::All: {
        // Captures count only from branches that held.
        RuleSet::Match all = *match;
        for (const RulePredicate& child : p.children) {
            if (!evaluate(child, message, subject, &all))
                return false;
        }
        *match = std::move(all);
        return true;
    }
    case Kind::Any:
        for (const RulePredicate& child : p.children) {
            RuleSet::Match one = *match;
            if (evaluate(child, message, subject, &one)) {
                *match = std::move(one);
                return true;
            }
        }
        return false;
    case Kind::Not: {
        RuleSet::Match ignored; // what a negated test captured means nothing
        return !evaluate(p.children.front(), message, subject, &ignored);
    }
    }
    return false;
}

// Reads one rules file, keeping the first error with where it was found.
class Parser : public JsonFaults {
public:
    std::optional<FramingRule> framing(const QJsonValue& value, bool* chunk) {
        const QString where = QStringLiteral("framing");
        FramingRule rule;
        rule.maxMessageSize = RuleSet::kMaxMessageBytes;
        *chunk = false;
        if (value.isUndefined() || value == QJsonValue(QStringLiteral("line")))
            return rule;
        if (value == QJsonValue(QStringLiteral("chunk"))) {
            *chunk = true;
            return rule;
        }
        const QJsonObject object = value.toObject();
        if (!value.isObject() || object.size() == 0) {
            fail(where, QStringLiteral("use \"line\", \"chunk\", {\"delimiter\": TEXT}, "
                                       "{\"delimiter_hex\": HEX} or {\"length_prefix\": 1|2|4}"));
            return std::nullopt;
        }
        if (!onlyKeys(object, where,
                      {QStringLiteral("delimiter"), QStringLiteral("delimiter_hex"),
                       QStringLiteral("length_prefix"), QStringLiteral("big_endian")}))
            return std::nullopt;
        const int kinds = int(object.contains(u"length_prefix")) +
                          int(object.contains(u"delimiter")) +
                          int(object.contains(u"delimiter_hex"));
        if (kinds != 1) {
            fail(where, QStringLiteral("give one of delimiter, delimiter_hex and length_prefix"));
            return std::nullopt;
        }
        if (object.contains(u"length_prefix")) {
            const int bytes = object.value(u"length_prefix").toInt(0);
            if (bytes != 1 && bytes != 2 && bytes != 4) {
                fail(where + QStringLiteral(".length_prefix"), QStringLiteral("must be 1, 2 or 4"));
                return std::nullopt;
            }
            const QJsonValue bigEndian = object.value(u"big_endian");
            if (!bigEndian.isUndefined() && !bigEndian.isBool()) {
                fail(where + QStringLiteral(".big_endian"),
                     QStringLiteral("must be true or false"));
                return std::nullopt;
            }
            rule.mode = FramingRule::Mode::LengthPrefix;
            rule.prefixBytes = bytes;
            rule.bigEndian = bigEndian.toBool(true);
            return rule;
        }
        const bool hex = object.contains(u"delimiter_hex");
        const QJsonValue delimiter = object.value(hex ? u"delimiter_hex" : u"delimiter");
        std::optional<QByteArray> bytes;
        if (delimiter.isString())
            bytes = hex ? hexBytes(delimiter.toString()) : delimiter.toString().toUtf8();
        if (!bytes || bytes->isEmpty()) {
            fail(where, hex ? QStringLiteral("delimiter_hex must be non-empty hex")
                            : QStringLiteral("delimiter must be a non-empty string"));
            return std::nullopt;
        }
        rule.mode = FramingRule::Mode::Delimiter;
        rule.delimiter = *bytes;
        return rule;
    }

    std::optional<RulePredicate> predicate(const QJsonValue& value, const QString& where,
                                           int depth) {
        using Kind = RulePredicate::Kind;
        static const QList<QPair<QString, Kind>> kinds = {
            {QStringLiteral("equals"), Kind::Equals},
            {QStringLiteral("contains"), Kind::Contains},
            {QStringLiteral("starts_with"), Kind::StartsWith},
            {QStringLiteral("ends_with"), Kind::EndsWith},
            {QStringLiteral("regex"), Kind::Regex},
            {QStringLiteral("hex_equals"), Kind::HexEquals},
            {QStringLiteral("all"), Kind::All},
            {QStringLiteral("any"), Kind::Any},
            {QStringLiteral("not"), Kind::Not}};
        // A file of nested "not"s must not exhaust the stack.
        if (depth > 64) {
            fail(where, QStringLiteral("predicates nested deeper than 64"));
            return std::nullopt;
        }
        const QJsonObject object = value.toObject();
        QStringList present;
        for (const auto& [key, kind] : kinds) {
            if (object.contains(key))
                present.append(key);
        }
        QStringList names;
        for (const auto& entry : kinds)
            names.append(entry.first);
        if (!value.isObject() || present.size() != 1) {
            const QString unknown =
                value.isObject() && present.isEmpty() && !object.isEmpty()
                    ? QStringLiteral("unknown predicate '%1'; ").arg(object.keys().constFirst())
                    : QString();
            fail(where, QStringLiteral("%1an object with exactly one of %2")
                            .arg(unknown, names.join(u", ")));
            return std::nullopt;
        }
        const QString key = present.constFirst();
        RulePredicate p;
        for (const auto& [name, kind] : kinds) {
            if (name == key)
                p.kind = kind;
        }
        const QString at = where + u'.' + key;
        const QJsonValue operand = object.value(key);
        if (p.kind == Kind::All || p.kind == Kind::Any || p.kind == Kind::Not) {
            if (!onlyKeys(object, where, {key}))
                return std::nullopt;
            const QJsonArray list = p.kind == Kind::Not ? QJsonArray{operand} : operand.toArray();
            if (p.kind != Kind::Not && (!operand.isArray() || list.isEmpty())) {
                fail(at, QStringLiteral("must be a non-empty array of predicates"));
                return std::nullopt;
            }
            for (qsizetype i = 0; i < list.size(); ++i) {
                const QString childAt =
                    p.kind == Kind::Not ? at : QStringLiteral("%1[%2]").arg(at).arg(i);
                auto child = predicate(list.at(i), childAt, depth + 1);
                if (!child)
                    return std::nullopt;
                p.children.push_back(std::move(*child));
            }
            return p;
        }
        if (!onlyKeys(object, where, {key, QStringLiteral("ignore_case")}))
            return std::nullopt;
        const QJsonValue ignoreCase = object.value(u"ignore_case");
        if (!ignoreCase.isUndefined() && !ignoreCase.isBool()) {
            fail(where + QStringLiteral(".ignore_case"), QStringLiteral("must be true or false"));
            return std::nullopt;
        }
        p.ignoreCase = ignoreCase.toBool(false);
        if (!operand.isString()) {
            fail(at, QStringLiteral("must be a string"));
            return std::nullopt;
        }
        const QString text = operand.toString();
        if (p.kind == Kind::HexEquals) {
            const std::optional<QByteArray> bytes = hexBytes(text);
            if (!bytes) {
                fail(at, QStringLiteral("'%1' is not hex").arg(text.left(40)));
                return std::nullopt;
            }
            p.bytes = *bytes;
            p.ignoreCase = false;
        } else if (p.kind == Kind::Regex) {
            p.regex =
                QRegularExpression(text, p.ignoreCase ? QRegularExpression::CaseInsensitiveOption
                                                      : QRegularExpression::NoPatternOption);
            if (!p.regex.isValid()) {
                fail(at, QStringLiteral("bad regular expression at offset %1: %2")
                             .arg(p.regex.patternErrorOffset())
                             .arg(p.regex.errorString()));
                return std::nullopt;
            }
            p.regex.optimize();
        } else {
            p.bytes = p.ignoreCase ? text.toUtf8().toLower() : text.toUtf8();
        }
        return p;
    }

    std::optional<RuleReply> reply(const QJsonValue& value, const QString& where,
                                   const QStringList& captureNames) {
        const QJsonObject object = value.toObject();
        if (!value.isObject()) {
            fail(where, QStringLiteral("a reply must be an object"));
            return std::nullopt;
        }
        if (!onlyKeys(object, where,
                      {QStringLiteral("text"), QStringLiteral("hex"), QStringLiteral("delay_ms"),
                       QStringLiteral("then")}))
            return std::nullopt;
        RuleReply reply;
        if (object.contains(u"text") && object.contains(u"hex")) {
            fail(where, QStringLiteral("give text or hex, not both"));
            return std::nullopt;
        }
        if (object.contains(u"text")) {
            const QJsonValue text = object.value(u"text");
            QString why;
            if (!text.isString()) {
                fail(where + QStringLiteral(".text"), QStringLiteral("must be a string"));
                return std::nullopt;
            }
            reply.text = ReplyTemplate::parse(text.toString(), captureNames, &why);
            if (!reply.text) {
                fail(where + QStringLiteral(".text"), why);
                return std::nullopt;
            }
        } else if (object.contains(u"hex")) {
            const QJsonValue hex = object.value(u"hex");
            const std::optional<QByteArray> bytes =
                hex.isString() ? hexBytes(hex.toString()) : std::nullopt;
            if (!bytes) {
                fail(where + QStringLiteral(".hex"), QStringLiteral("must be a string of hex"));
                return std::nullopt;
            }
            reply.bytes = *bytes;
        }
        if (object.contains(u"delay_ms")) {
            const QJsonValue delay = object.value(u"delay_ms");
            const double ms = delay.toDouble(-1);
            if (!delay.isDouble() || ms < 0 || ms > kMaxDelayMs || ms != int(ms)) {
                fail(where + QStringLiteral(".delay_ms"),
                     QStringLiteral("must be a whole number from 0 to %1").arg(kMaxDelayMs));
                return std::nullopt;
            }
            reply.delayMs = int(ms);
        }
        if (object.contains(u"then")) {
            static const QList<QPair<QString, RuleReply::Then>> thens = {
                {QStringLiteral("none"), RuleReply::Then::None},
                {QStringLiteral("half-close"), RuleReply::Then::HalfClose},
                {QStringLiteral("close"), RuleReply::Then::Close},
                {QStringLiteral("reset"), RuleReply::Then::Reset}};
            const QString then = object.value(u"then").toString();
            const auto found = std::find_if(thens.cbegin(), thens.cend(),
                                            [&](const auto& entry) { return entry.first == then; });
            if (found == thens.cend()) {
                fail(where + QStringLiteral(".then"),
                     QStringLiteral("must be none, half-close, close or reset"));
                return std::nullopt;
            }
            reply.then = found->second;
        }
        return reply;
    }

    // A reply, or an array of them used in turn.
    bool replies(const QJsonValue& value, const QString& where, const QStringList& captureNames,
                 std::vector<RuleReply>* out) {
        const QJsonArray list = value.isArray() ? value.toArray() : QJsonArray{value};
        if (list.isEmpty())
            return fail(where, QStringLiteral("an empty array of replies"));
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString at = value.isArray() ? QStringLiteral("%1[%2]").arg(where).arg(i) : where;
            auto one = reply(list.at(i), at, captureNames);
            if (!one)
                return false;
            out->push_back(std::move(*one));
        }
        return true;
    }
};

void collectCaptureNames(const RulePredicate& p, QStringList* names) {
    if (p.kind == RulePredicate::Kind::Regex) {
        for (const QString& name : p.regex.namedCaptureGroups()) {
            if (!name.isEmpty())
                names->append(name);
        }
    }
    for (const RulePredicate& child : p.children)
        collectCaptureNames(child, names);
}
} // namespace

std::shared_ptr<const RuleSet> RuleSet::load(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read rules file '%1': %2").arg(path, file.errorString());
        return nullptr;
    }
    if (file.size() > kMaxFileBytes) {
        *error = QStringLiteral("rules file '%1' is %2 bytes, over the limit of %3")
                     .arg(path)
                     .arg(file.size())
                     .arg(kMaxFileBytes);
        return nullptr;
    }
    const QByteArray json = file.read(kMaxFileBytes + 1);
    QString why;
    auto rules = parse(json, &why);
    if (!rules)
        *error = QStringLiteral("rules file '%1': %2").arg(path, why);
    return rules;
}

std::shared_ptr<const RuleSet> RuleSet::parse(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON: %1 at byte %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return nullptr;
    }
    Parser parser;
    const QJsonObject top = document.object();
    const auto failed = [&] {
        *error = parser.error;
        return nullptr;
    };
    if (!document.isObject()) {
        parser.fail({}, QStringLiteral("the file must hold one JSON object"));
        return failed();
    }
    if (!parser.onlyKeys(top, {},
                         {QStringLiteral("sockscope_rules"), QStringLiteral("framing"),
                          QStringLiteral("greeting"), QStringLiteral("rules"),
                          QStringLiteral("default")}))
        return failed();
    const QJsonValue version = top.value(u"sockscope_rules");
    if (!version.isUndefined() && !version.isDouble()) {
        parser.fail(QStringLiteral("sockscope_rules"),
                    QStringLiteral("must be the number %1, not a %2")
                        .arg(kFormatVersion)
                        .arg(version.isString() ? QStringLiteral("string")
                                                : QStringLiteral("value of another type")));
        return failed();
    }
    if (version.toInt(-1) != kFormatVersion) {
        parser.fail(QStringLiteral("sockscope_rules"),
                    version.isUndefined()
                        ? QStringLiteral("missing: a rules file starts with "
                                         "\"sockscope_rules\": 1")
                        : QStringLiteral("format version %1 is not known (this SockScope reads "
                                         "version %2)")
                              .arg(version.toVariant().toString())
                              .arg(kFormatVersion));
        return failed();
    }
    auto set = std::make_shared<RuleSet>();
    bool chunk = false;
    const std::optional<FramingRule> framing = parser.framing(top.value(u"framing"), &chunk);
    if (!framing)
        return failed();
    if (!chunk)
        set->m_framing = framing;
    if (top.contains(u"greeting")) {
        set->m_greeting = parser.reply(top.value(u"greeting"), QStringLiteral("greeting"), {});
        if (!set->m_greeting)
            return failed();
    }
    const QJsonValue rules = top.value(u"rules");
    if (!rules.isUndefined() && !rules.isArray()) {
        parser.fail(QStringLiteral("rules"), QStringLiteral("must be an array"));
        return failed();
    }
    const QJsonArray list = rules.toArray();
    set->m_rules.reserve(std::size_t(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString where = QStringLiteral("rules[%1]").arg(i);
        const QJsonObject object = list.at(i).toObject();
        if (!list.at(i).isObject()) {
            parser.fail(where, QStringLiteral("a rule must be an object"));
            return failed();
        }
        if (!parser.onlyKeys(
                object, where,
                {QStringLiteral("name"), QStringLiteral("when"), QStringLiteral("reply")}))
            return failed();
        Rule rule;
        const QJsonValue name = object.value(u"name");
        if (!name.isUndefined() && (!name.isString() || name.toString().isEmpty())) {
            parser.fail(where + QStringLiteral(".name"),
                        QStringLiteral("must be a non-empty string"));
            return failed();
        }
        rule.name = name.isString() ? name.toString() : QStringLiteral("#%1").arg(i + 1);
        if (!object.contains(u"when") || !object.contains(u"reply")) {
            parser.fail(where, QStringLiteral("a rule needs \"when\" and \"reply\""));
            return failed();
        }
        auto when = parser.predicate(object.value(u"when"), where + QStringLiteral(".when"), 0);
        if (!when)
            return failed();
        rule.when = std::move(*when);
        QStringList names;
        collectCaptureNames(rule.when, &names);
        if (!parser.replies(object.value(u"reply"), where + QStringLiteral(".reply"), names,
                            &rule.replies))
            return failed();
        set->m_rules.push_back(std::move(rule));
    }
    if (top.contains(u"default") &&
        !parser.replies(top.value(u"default"), QStringLiteral("default"), {}, &set->m_fallback))
        return failed();
    return set;
}

RuleSet::Match RuleSet::match(const QByteArray& message) const {
    const RegexSubject subject(message);
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        Match found;
        if (evaluate(m_rules[i].when, message, subject, &found)) {
            found.rule = int(i);
            return found;
        }
    }
    return {};
}

} // namespace sockscope
