#include "engine/rewriterule.h"

#include "base/payloadtext.h"

namespace sockscope {

namespace {

// PATTERN and REPLACEMENT between delimiters; \<d> is the delimiter itself,
// kept escaped in a regex's pattern (where \| and \. have meanings of
// their own), and written as the delimiter itself everywhere else.
std::optional<QStringList> splitFields(QStringView body, QChar delimiter, bool keepEscape,
                                       QString* error) {
    QStringList fields{QString()};
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body[i];
        if (c == u'\\' && i + 1 < body.size() && body[i + 1] == delimiter) {
            if (keepEscape && fields.size() == 1) // the pattern; never the replacement
                fields.last() += c;
            fields.last() += delimiter;
            ++i;
        } else if (c == u'\\' && i + 1 < body.size()) {
            fields.last() += c;
            fields.last() += body[++i];
        } else if (c == delimiter) {
            fields.append(QString());
        } else {
            fields.last() += c;
        }
    }
    // PATTERN d REPLACEMENT d: three fields, the last one empty.
    if (fields.size() != 3 || !fields.last().isEmpty()) {
        *error = QStringLiteral("write it as KIND%1PATTERN%1REPLACEMENT%1 (%2 found)")
                     .arg(delimiter)
                     .arg(fields.size() - 1);
        return std::nullopt;
    }
    fields.removeLast();
    return fields;
}

} // namespace

std::optional<RewriteRule> RewriteRule::parse(const QString& spec, QString* error) {
    RewriteRule rule;
    QStringView rest(spec);
    const auto fail = [&](const QString& why) {
        *error = QStringLiteral("'%1': %2").arg(spec, why);
        return std::nullopt;
    };
    if (rest.startsWith(u"up:")) {
        rule.direction = Direction::Up;
        rest = rest.mid(3);
    } else if (rest.startsWith(u"down:")) {
        rule.direction = Direction::Down;
        rest = rest.mid(5);
    } else if (rest.startsWith(u"both:")) {
        rest = rest.mid(5);
    }
    if (rest.size() < 2)
        return fail(QStringLiteral("expected s/PATTERN/REPLACEMENT/, x/… or r/…"));
    const QChar kind = rest[0];
    const QChar delimiter = rest[1];
    if (kind == u's')
        rule.kind = Kind::Text;
    else if (kind == u'x')
        rule.kind = Kind::Hex;
    else if (kind == u'r')
        rule.kind = Kind::Regex;
    else
        return fail(
            QStringLiteral("the kind is s (text), x (hex) or r (regex), not '%1'").arg(kind));
    if (delimiter.isLetterOrNumber() || delimiter.isSpace() || delimiter == u'\\')
        return fail(
            QStringLiteral("'%1' cannot delimit: use punctuation such as / or |").arg(delimiter));
    QString reason;
    const std::optional<QStringList> fields =
        splitFields(rest.mid(2), delimiter, rule.kind == Kind::Regex, &reason);
    if (!fields)
        return fail(reason);
    const QString& pattern = fields->at(0);
    const QString& replacement = fields->at(1);
    if (pattern.isEmpty())
        return fail(QStringLiteral("the pattern is empty"));
    switch (rule.kind) {
    case Kind::Text:
        rule.pattern = unescapeText(pattern, &reason);
        if (reason.isEmpty())
            rule.replacement = unescapeText(replacement, &reason);
        break;
    case Kind::Hex: {
        const auto bytes = parseHexInput(pattern, &reason);
        const auto after = bytes ? parseHexInput(replacement, &reason) : std::nullopt;
        if (bytes && after) {
            rule.pattern = *bytes;
            rule.replacement = *after;
        }
        break;
    }
    case Kind::Regex:
        rule.regex = QRegularExpression(pattern);
        if (!rule.regex.isValid())
            reason = QStringLiteral("not a regular expression: %1 at offset %2")
                         .arg(rule.regex.errorString())
                         .arg(rule.regex.patternErrorOffset());
        rule.regexReplacement = replacement;
        break;
    }
    if (!reason.isEmpty())
        return fail(reason);
    if (rule.kind != Kind::Regex && rule.pattern.isEmpty())
        return fail(QStringLiteral("the pattern is empty"));
    rule.spec = spec;
    return rule;
}

QByteArray RewriteRule::expand(const QRegularExpressionMatch& match) const {
    QByteArray out;
    QString literal; // a run of plain characters, encoded as UTF-8 in one go
    const QString& r = regexReplacement;
    for (qsizetype i = 0; i < r.size(); ++i) {
        const bool escape = r[i] == u'\\' && i + 1 < r.size();
        if (escape && r[i + 1].isDigit()) {
            out += literal.toUtf8();
            literal.clear();
            out += match.captured(r[++i].digitValue()).toLatin1();
        } else if (escape && r[i + 1] == u'\\') {
            literal += u'\\';
            ++i;
        } else {
            literal += r[i];
        }
    }
    return out + literal.toUtf8();
}

} // namespace sockscope
