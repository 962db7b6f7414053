#pragma once

// Test support: events saved to a real JSON Lines file and opened as a
// saved session is, payloads left in the file.
#include "capture/capturestore.h"
#include "formats/jsonlreader.h"
#include "formats/jsonlwriter.h"

#include <QTemporaryFile>

#include <memory>

namespace sockscope {

inline std::unique_ptr<CaptureStore> importedStoreOf(const EventBatch& events) {
    QTemporaryFile file; // removed at once: the store keeps its descriptor
    if (!file.open() || !writeJsonlSession(BatchEventSource(events), file, 0) || !file.flush())
        return nullptr;
    QString error;
    qint64 ignoredTail = 0;
    return importJsonlSession(file.fileName(), &error, &ignoredTail);
}

} // namespace sockscope
