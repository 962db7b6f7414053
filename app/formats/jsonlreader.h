#pragma once

#include "capture/captureevent.h"

#include <optional>

class QIODevice;
class QString;

namespace sockscope {

// Bounds against hostile files: no line may exceed kMaxJsonlLineBytes, no
// file kMaxJsonlFileBytes, and the events read may not cost more memory than
// kMaxJsonlImportCost (counted as CaptureStore does: payload plus overhead).
inline constexpr qint64 kMaxJsonlLineBytes = 96ll << 20;
inline constexpr qint64 kMaxJsonlFileBytes = 2ll << 30;
inline constexpr qint64 kMaxJsonlImportCost = 1ll << 30;

// Reads a JSON Lines session (docs/session-format.md). Strict: on the first
// problem it returns nothing and sets *error to a message naming the 1-based
// line, so that a damaged file is never half loaded. Unknown fields are
// ignored; unknown versions are refused.
std::optional<EventBatch> readJsonlSession(QIODevice& device, QString* error);
std::optional<EventBatch> readJsonlSession(const QString& path, QString* error);

} // namespace sockscope
