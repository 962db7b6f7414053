#pragma once

#include "sessionsource.h"

#include <memory>

namespace sockscope {

// A session read back from a JSON Lines file: read-only. Its store indexes
// the file and reads payloads from it when they are shown or exported, so
// a multi-GiB session opens in seconds. Its events are kept exactly as read
// (drop summaries included), so that exporting it writes what exporting
// the live session wrote.
class SavedSession final : public SessionSource {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedSession)
public:
    // ignoredTailBytes: a partial last line the reader skipped (a crash).
    SavedSession(const QString& filePath, std::unique_ptr<CaptureStore> store,
                 qint64 ignoredTailBytes = 0, QObject* parent = nullptr);
    ~SavedSession() override;

    // Totals as the live session had them when it was saved: what was still
    // listening or open then, bytes, and what the capture budget dropped.
    static SessionStats statsOf(const EventBatch& events);

    const CaptureStore& store() const override { return *m_store; }
    Engine* engine() const override { return nullptr; }
    QString filePath() const override { return m_filePath; }
    QString loadNote() const override;
    void replay() override;

private:
    QString m_filePath;
    std::unique_ptr<CaptureStore> m_store;
    qint64 m_ignoredTailBytes = 0;
};

} // namespace sockscope
