#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"

#include <QObject>

#include <optional>

namespace sockscope {

class CaptureStore;
class Engine;

// What a window shows: the running session (LiveSession) or one saved to a
// file (SavedSession). The window renders whatever arrives in batchReady()
// the same way, and asks engine() whether anything can be started or sent.
class SessionSource : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionSource)
public:
    ~SessionSource() override;

    // The session's record: events, payloads and streams, paged from disk.
    virtual const CaptureStore& store() const = 0;
    // The whole payload of a Data event from a batch, which may carry only a
    // preview of it: the event's own bytes when complete, else the store's;
    // nullopt when the session does not hold them (dropped or not kept).
    std::optional<QByteArray> fullPayload(const CaptureEvent& event) const;
    // The engine behind a live session; null for a read-only one.
    virtual Engine* engine() const = 0;
    // The file a saved session came from; empty for a live one.
    virtual QString filePath() const = 0;
    // What the window should say about how the session was read, if anything.
    virtual QString loadNote() const { return {}; }
    // Emits batchReady() for what the session already holds, once the
    // window is connected: all of a saved session; nothing for a live one,
    // whose window exists before its first event.
    virtual void replay() = 0;
    // The window is done with the oldest batch it has not acknowledged: a
    // live engine serves its sockets again once the window keeps up.
    virtual void acknowledgeBatch() {}

Q_SIGNALS:
    void batchReady(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);

protected:
    explicit SessionSource(QObject* parent = nullptr);
};

} // namespace sockscope
