#pragma once

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace sockscope {

// One match-and-replace rule of a relay (--rewrite, docs in the README):
//   [DIR:]KIND<d>PATTERN<d>REPLACEMENT<d>
// DIR: up (client → server), down (server → client) or both (the default).
// KIND: s (text, with the escapes \n \r \t \0 \\ \xHH \u{h}), x (hex bytes)
// or r (a regular expression, matched against each line as Latin-1, so that
// one character is one byte; \1 to \9 in the replacement are its groups).
// <d> is any character but a letter, digit, space or backslash, as in sed;
// inside PATTERN and REPLACEMENT it is written \<d>.
struct RewriteRule {
    enum class Direction { Up, Down, Both };
    enum class Kind { Text, Hex, Regex };

    Direction direction = Direction::Both;
    Kind kind = Kind::Text;
    QByteArray pattern;     // Text, Hex: the bytes to find
    QByteArray replacement; // Text, Hex: the bytes put in their place
    QRegularExpression regex;
    QString regexReplacement; // with \1 to \9
    QString spec;             // as written, to show it again

    static std::optional<RewriteRule> parse(const QString& spec, QString* error);
    bool appliesUp() const { return direction != Direction::Down; }
    bool appliesDown() const { return direction != Direction::Up; }
    // For Regex rules: the replacement for one match, as bytes.
    QByteArray expand(const QRegularExpressionMatch& match) const;
};

using RewriteRules = QList<RewriteRule>;

} // namespace sockscope
