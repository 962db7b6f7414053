#pragma once

#include "capture/streamframer.h"
#include "engine/replytemplate.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace sockscope {

// One answer: bytes (a template, or raw bytes from hex), after a delay,
// then what happens to the connection.
struct RuleReply {
    enum class Then { None, HalfClose, Close, Reset };
    std::optional<ReplyTemplate> text;
    QByteArray bytes; // when there is no text
    int delayMs = 0;
    Then then = Then::None;
};

// A test on one framed message; leaves compare bytes or run a regex,
// branches combine them.
struct RulePredicate {
    enum class Kind { Equals, Contains, StartsWith, EndsWith, Regex, HexEquals, All, Any, Not };
    Kind kind = Kind::Equals;
    QByteArray bytes; // the text or hex leaves' operand
    bool ignoreCase = false;
    QRegularExpression regex;
    std::vector<RulePredicate> children; // All, Any: any number; Not: one
};

struct Rule {
    QString name;
    RulePredicate when;
    std::vector<RuleReply> replies; // used in turn, per connection
};

// A listener's rules, as loaded from a rules file (format version 1,
// docs/rules-format.md): how to frame what clients send, a greeting, the
// rules in order (the first that matches answers) and a default.
// Immutable once loaded; shared by every connection of the listener.
class RuleSet final {
public:
    static constexpr int kFormatVersion = 1;
    static constexpr qint64 kMaxFileBytes = 16ll << 20;
    static constexpr qint64 kMaxMessageBytes = 1ll << 20;

    static std::shared_ptr<const RuleSet> load(const QString& path, QString* error);
    static std::shared_ptr<const RuleSet> parse(const QByteArray& json, QString* error);

    // nullopt: each read is a message (framing "chunk").
    const std::optional<FramingRule>& framing() const { return m_framing; }
    const std::optional<RuleReply>& greeting() const { return m_greeting; }
    const std::vector<Rule>& rules() const { return m_rules; }
    const std::vector<RuleReply>& fallback() const { return m_fallback; } // "default"

    struct Match {
        int rule = -1; // index into rules(); -1: no rule matched
        QList<QByteArray> numbered;
        QList<QPair<QString, QByteArray>> named;
    };
    Match match(const QByteArray& message) const;
    // What answers a match: its rule's replies, or the default's when no
    // rule matched (maybe none).
    const std::vector<RuleReply>& repliesFor(const Match& match) const {
        return match.rule >= 0 ? m_rules[std::size_t(match.rule)].replies : m_fallback;
    }

private:
    std::optional<FramingRule> m_framing;
    std::optional<RuleReply> m_greeting;
    std::vector<Rule> m_rules;
    std::vector<RuleReply> m_fallback;
};

} // namespace sockscope
