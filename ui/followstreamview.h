#pragma once

#include "capture/captureevent.h"

#include <QPlainTextEdit>

namespace sockscope {

class SessionSource;

// One connection's whole conversation as text, both directions coloured,
// like Wireshark's "Follow TCP Stream". Reads the session when the
// connection changes and appends what later batches bring.
class FollowStreamView final : public QPlainTextEdit {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FollowStreamView)
public:
    // Beyond this the view stops appending and says so: a text widget holding
    // a bulk transfer would freeze the window. The export has everything.
    static constexpr qint64 kMaxShownBytes = 1024 * 1024;

    explicit FollowStreamView(const SessionSource* source, QWidget* parent = nullptr);

    void setConnection(int conn);
    int connection() const { return m_conn; }
    void appendBatch(const sockscope::EventBatch& events);

protected:
    void changeEvent(QEvent* event) override;

private:
    // Shows the connection's conversation from the start, as read now.
    void reload();
    void appendChunk(const CaptureEvent& event);
    void appendNote(const QString& text);

    const SessionSource* m_source = nullptr;
    int m_conn = 0;
    quint64 m_lastSeq = 0;
    qint64 m_shownBytes = 0;
    qint64 m_hiddenBytes = 0;
};

} // namespace sockscope
