#include "engine/streamrewriter.h"

#include <algorithm>
#include <utility>

namespace sockscope {

StreamRewriter::StreamRewriter(RewriteRules rules)
    : m_rules(std::move(rules))
    , m_byLine(std::any_of(m_rules.cbegin(), m_rules.cend(), [](const RewriteRule& rule) {
        return rule.kind == RewriteRule::Kind::Regex;
    })) {
}

QByteArray StreamRewriter::feed(const QByteArray& bytes) {
    if (m_rules.isEmpty())
        return bytes;
    // Copied, never shared: the read's buffer also travels to the consumer's
    // thread in the batch, and a shared buffer that this thread later
    // changes in place would be freed here while that thread lets go of it.
    m_kept.append(bytes.constData(), bytes.size());
    if (!m_byLine)
        return rewriteStream(false);
    // Only the new bytes can hold a new line end: no rescan of a long line.
    const qsizetype newLine = QByteArrayView(bytes).lastIndexOf('\n');
    if (newLine < 0) {
        if (m_kept.size() > kMaxLine)
            return std::exchange(m_kept, QByteArray());
        return {};
    }
    const qsizetype end = m_kept.size() - bytes.size() + newLine + 1;
    QByteArray out;
    qsizetype start = 0;
    while (start < end) {
        const qsizetype lineEnd = m_kept.indexOf('\n', start) + 1;
        out += rewriteLine(m_kept.mid(start, lineEnd - start));
        start = lineEnd;
    }
    m_kept.remove(0, end);
    if (m_kept.size() > kMaxLine)
        out += std::exchange(m_kept, QByteArray());
    return out;
}

QByteArray StreamRewriter::finish() {
    if (m_byLine)
        return rewriteLine(std::exchange(m_kept, QByteArray()));
    return rewriteStream(true);
}

QByteArray StreamRewriter::rewriteStream(bool final) {
    // Left to right; at each position the first rule that matches wins.
    QByteArray out;
    qsizetype pos = 0;
    while (pos < m_kept.size()) {
        const QByteArrayView rest = QByteArrayView(m_kept).sliced(pos);
        const RewriteRule* matched = nullptr;
        bool maybeLater = false;
        for (const RewriteRule& rule : m_rules) {
            if (rest.startsWith(rule.pattern)) {
                matched = &rule;
                break;
            }
            // A partial match at the end: more bytes may complete it, and
            // then it wins over every later rule, so wait for them.
            if (!final && rest.size() < rule.pattern.size() &&
                QByteArrayView(rule.pattern).startsWith(rest)) {
                maybeLater = true;
                break;
            }
        }
        if (matched) {
            out += matched->replacement;
            pos += matched->pattern.size();
        } else if (maybeLater) {
            break; // kept from pos on
        } else {
            out += m_kept[pos++];
        }
    }
    m_kept.remove(0, pos);
    return out;
}

QByteArray StreamRewriter::rewriteLine(const QByteArray& line) const {
    QByteArray text = line;
    for (const RewriteRule& rule : m_rules) {
        if (rule.kind != RewriteRule::Kind::Regex) {
            text.replace(rule.pattern, rule.replacement);
            continue;
        }
        const QString latin1 = QString::fromLatin1(text);
        QByteArray rewritten;
        qsizetype copied = 0;
        QRegularExpressionMatchIterator matches = rule.regex.globalMatch(latin1);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            rewritten += text.mid(copied, match.capturedStart() - copied);
            rewritten += rule.expand(match);
            copied = match.capturedEnd();
        }
        text = rewritten + text.mid(copied);
    }
    return text;
}

} // namespace sockscope
