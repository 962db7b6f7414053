#pragma once

#include "capture/captureevent.h"

#include <QTabWidget>

class QPlainTextEdit;

namespace sockscope {

class EventLogModel;
class EventLogPanel;
class FollowStreamView;
class FramingView;
class SessionSource;
class TimelineView;

// Below the traffic table: the selected chunk in hex, the selected
// connection's whole conversation, and the session's event log.
class DetailTabs final : public QTabWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailTabs)
public:
    DetailTabs(const SessionSource* source, EventLogModel* events, QWidget* parent = nullptr);

    // Wide enough for a whole hex dump line (hexdump -C's 16 bytes).
    QSize sizeHint() const override;

    void showChunk(const QByteArray& payload);
    void followConnection(int conn);
    void appendBatch(const sockscope::EventBatch& events);

    QPlainTextEdit* hexView() const { return m_hex; }
    FollowStreamView* followView() const { return m_follow; }
    EventLogPanel* eventLog() const { return m_events; }
    FramingView* framingView() const { return m_framing; }
    TimelineView* timelineView() const { return m_timeline; }

private:
    QPlainTextEdit* m_hex = nullptr;
    FollowStreamView* m_follow = nullptr;
    EventLogPanel* m_events = nullptr;
    FramingView* m_framing = nullptr;
    TimelineView* m_timeline = nullptr;
};

} // namespace sockscope
