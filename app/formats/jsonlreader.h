#pragma once

#include "base/captureevent.h"

#include <memory>
#include <optional>

class QIODevice;
class QString;

namespace sockscope {

class CaptureStore;

// Bounds against hostile files: no line may exceed kMaxJsonlLineBytes; the
// events read into memory (readJsonlSession) may not cost more than
// kMaxJsonlImportCost (counted as CaptureStore does: payload plus
// overhead); an import indexes at most kMaxJsonlImportEvents events; what
// events hold in memory besides payload (messages, TLS details, which an
// import keeps in memory while payload stays in the file) may not exceed
// kMaxJsonlHeldBytes.
inline constexpr qint64 kMaxJsonlLineBytes = 96ll << 20;
inline constexpr qint64 kMaxJsonlHeldBytes = 1ll << 30;
inline constexpr qint64 kMaxJsonlImportCost = 1ll << 30;
inline constexpr qint64 kMaxJsonlImportEvents = 20'000'000;

// Reads a JSON Lines session (docs/session-format.md) into memory, payloads
// decoded. On the first problem it returns nothing and sets *error to a
// message naming the 1-based line, so that a damaged file is never half
// loaded; the one exception is a partial last line (a recording cut by a
// crash), which is ignored and its length given in *ignoredTailBytes.
// Unknown fields are ignored; unknown versions are refused.
std::optional<EventBatch> readJsonlSession(QIODevice& device, QString* error,
                                           qint64* ignoredTailBytes = nullptr);
std::optional<EventBatch> readJsonlSession(const QString& path, QString* error,
                                           qint64* ignoredTailBytes = nullptr);

// The same checks, but the payloads stay in the file: the store indexes
// them and decodes only what is shown or exported, so a multi-GiB session
// opens in seconds and in little memory.
std::unique_ptr<CaptureStore> importJsonlSession(const QString& path, QString* error,
                                                 qint64* ignoredTailBytes);
// "The last 123 bytes (a partial line, as a crash leaves it) were ignored."
QString partialTailNote(qint64 ignoredTailBytes);

} // namespace sockscope
