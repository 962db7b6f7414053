#pragma once

#include "base/tlssummary.h"

#include <QJsonObject>

#include <optional>

namespace sockscope {

// The "tls" object of a JSON Lines tls or listen event (docs/session-format.md).
QJsonObject tlsToJson(const TlsSummary& summary);
// nullopt, with the problem, when a field has the wrong type or a hello is
// not hex; unknown fields are ignored, as everywhere in the format.
std::optional<TlsSummary> tlsFromJson(const QJsonObject& object, QString* problem);

} // namespace sockscope
