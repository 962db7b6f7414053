#pragma once

#include <QString>

#include <optional>

namespace sockscope {

// How much payload a listener's or client's connections keep, like
// Wireshark's snaplen: everything, the first headBytes of each direction, or
// nothing but the counts. Byte counters stay exact whatever is kept; what is
// not kept is counted as dropped on its connection.
struct KeepPolicy {
    enum class Mode { All, Head, None };
    Mode mode = Mode::All;
    qint64 headBytes = 0; // Head only

    // "all", "head:SIZE" (SIZE with an optional K, M or G suffix) or "none".
    static std::optional<KeepPolicy> parse(const QString& spec, QString* error);
    QString name() const; // the spec form, e.g. "head:64K"
    // Payload bytes kept of a direction that has already passed `before` bytes.
    qint64 keptOf(qint64 before, qint64 size) const;

    friend bool operator==(const KeepPolicy&, const KeepPolicy&) = default;
};

// "256M" -> 268435456; plain digits are bytes. nullopt for anything else.
std::optional<qint64> parseByteSize(const QString& text);

} // namespace sockscope
