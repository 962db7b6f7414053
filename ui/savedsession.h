#pragma once

#include "sessionsource.h"

namespace sockscope {

// A session read back from a JSON Lines file: read-only, shown all at once.
// Its events are kept exactly as read (drop summaries included), so that
// exporting it writes what exporting the live session wrote.
class SavedSession final : public SessionSource {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedSession)
public:
    SavedSession(const QString& filePath, EventBatch events, QObject* parent = nullptr);

    // Totals as the live session had them when it was saved: what was still
    // listening or open then, bytes, and what the capture budget dropped.
    static SessionStats statsOf(const EventBatch& events);

    EventBatch events() const override { return m_events; }
    EventBatch dataOf(int conn) const override;
    std::optional<QByteArray> payloadOf(quint64 seq) const override;
    Engine* engine() const override { return nullptr; }
    QString filePath() const override { return m_filePath; }
    void replay() override;

private:
    QString m_filePath;
    EventBatch m_events;
};

} // namespace sockscope
