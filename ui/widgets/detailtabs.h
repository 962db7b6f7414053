#pragma once

#include "base/captureevent.h"

#include <QTabWidget>

class QCheckBox;
class QComboBox;
class QPlainTextEdit;
class QToolButton;

namespace sockscope {

class EventLogModel;
class EventLogPanel;
class FollowStreamView;
class FramingView;
class InterceptPanel;
class SessionSource;
class SocketDetailsView;
class StreamFindBar;
class TimelineView;
class TlsInspectorView;

// Below the traffic table: everything about the socket selected in the
// connections tree, the selected chunk in hex, the selected connection's
// whole conversation (with a row of its display and save
// controls, and a find bar), and the session's event log.
class DetailTabs final : public QTabWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailTabs)
public:
    DetailTabs(const SessionSource* source, EventLogModel* events, QWidget* parent = nullptr);

    // Wide enough for a whole hex dump line (hexdump -C's 16 bytes).
    QSize sizeHint() const override;

    // The whole payload, fetched from the source when the chunk holds only a
    // preview; an empty event clears the view. A chunk the person picked
    // brings the Hex tab up in place of the Details tab.
    void showChunk(const sockscope::CaptureEvent& chunk, bool picked = false);
    void followConnection(int conn);
    // The Details tab: a row of the ConnectionsModel, or an invalid index.
    void showSocket(const QModelIndex& row);
    // Opens the Follow stream tab on the chunk's connection, scrolled to it.
    void showInStream(const sockscope::CaptureEvent& chunk);
    void appendBatch(const sockscope::EventBatch& events);

    SocketDetailsView* socketDetails() const { return m_socketDetails; }
    QPlainTextEdit* hexView() const { return m_hex; }
    FollowStreamView* followView() const { return m_follow; }
    // The Follow stream tab: the controls, the find bar and the view.
    QWidget* followPage() const { return m_followPage; }
    QComboBox* followModeBox() const { return m_followMode; }
    QCheckBox* chunkBoundariesBox() const { return m_chunkBoundaries; }
    QToolButton* saveStreamButton() const { return m_saveStream; }
    StreamFindBar* findBar() const { return m_findBar; }
    EventLogPanel* eventLog() const { return m_events; }
    FramingView* framingView() const { return m_framing; }
    TimelineView* timelineView() const { return m_timeline; }
    InterceptPanel* interceptPanel() const { return m_intercept; }

private:
    QWidget* makeFollowPage();
    void saveFollowedStream(sockscope::Direction which);
    void updateFollowControls();

    const SessionSource* m_source = nullptr;
    SocketDetailsView* m_socketDetails = nullptr;
    QPlainTextEdit* m_hex = nullptr;
    FollowStreamView* m_follow = nullptr;
    QComboBox* m_followMode = nullptr;
    QCheckBox* m_chunkBoundaries = nullptr;
    QToolButton* m_findButton = nullptr;
    QToolButton* m_saveStream = nullptr;
    StreamFindBar* m_findBar = nullptr;
    QWidget* m_followPage = nullptr;
    EventLogPanel* m_events = nullptr;
    FramingView* m_framing = nullptr;
    TimelineView* m_timeline = nullptr;
    InterceptPanel* m_intercept = nullptr;
    TlsInspectorView* m_tls = nullptr;
};

} // namespace sockscope
