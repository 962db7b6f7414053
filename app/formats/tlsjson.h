#pragma once

#include "base/tlssummary.h"

#include <QJsonObject>

#include <optional>

namespace sockscope {

// What an imported summary may hold in memory. A real one holds a few KiB
// (two hellos, a chain, a key log); a hostile file must not make each of
// millions of tls events cost a line's 96 MiB.
inline constexpr qint64 kMaxTlsSummaryBytes = 4ll << 20;

// The memory a summary holds, roughly: its texts as UTF-16, its bytes.
qint64 heldBytes(const TlsSummary& summary);

// The "tls" object of a JSON Lines tls or listen event (docs/session-format.md).
QJsonObject tlsToJson(const TlsSummary& summary);
// nullopt, with the problem, when a field has the wrong type, a hello is
// not hex or the whole holds more than kMaxTlsSummaryBytes; unknown fields
// are ignored, as everywhere in the format.
std::optional<TlsSummary> tlsFromJson(const QJsonObject& object, QString* problem);

} // namespace sockscope
