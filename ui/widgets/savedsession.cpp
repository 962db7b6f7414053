#include "savedsession.h"

#include "capture/capturestore.h"
#include "formats/jsonlreader.h"

#include <QSet>

namespace sockscope {

SavedSession::SavedSession(const QString& filePath, std::unique_ptr<CaptureStore> store,
                           qint64 ignoredTailBytes, QObject* parent)
    : SessionSource(parent)
    , m_filePath(filePath)
    , m_store(std::move(store))
    , m_ignoredTailBytes(ignoredTailBytes) {
}

SavedSession::~SavedSession() = default;

QString SavedSession::loadNote() const {
    return m_ignoredTailBytes > 0 ? partialTailNote(m_ignoredTailBytes) : QString();
}

SessionStats SavedSession::statsOf(const EventBatch& events) {
    SessionStats stats;
    QSet<int> listening;
    QSet<int> open;
    for (const CaptureEvent& e : events) {
        switch (e.kind) {
        case EventKind::Listen:
            listening.insert(e.listener);
            break;
        case EventKind::Accept:
        case EventKind::Connected:
            open.insert(e.conn);
            break;
        case EventKind::Data:
            (e.dir == Direction::Out ? stats.bytesOut : stats.bytesIn) += e.size;
            break;
        case EventKind::Close:
        case EventKind::Error:
            if (e.conn != 0)
                open.remove(e.conn);
            else
                listening.remove(e.listener);
            break;
        case EventKind::Drop:
            stats.dropped.events += e.count;
            stats.dropped.bytes += e.size;
            break;
        default:
            break;
        }
    }
    stats.listeners = int(listening.size());
    stats.openConnections = int(open.size());
    return stats;
}

void SavedSession::replay() {
    const EventBatch events = m_store->previews(kBatchPreviewBytes);
    Q_EMIT batchReady(events, statsOf(events));
}

} // namespace sockscope
