#pragma once

#include "base/captureevent.h"
#include "base/connectionending.h"

#include <QWidget>

namespace sockscope {

class SessionSource;

// One connection's life drawn as a line of milestones: connect started,
// connected, the first byte each way, each side's half-close, and the close
// or reset, with the time between neighbours written under the line. Makes
// the HOWTO's lifecycle (and who closed first) visible at a glance.
class TimelineView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)
public:
    struct Milestone {
        QString label;
        qint64 timeUs = 0;
        bool failure = false; // a reset or error ends the line
        QString note;         // the close: how the connection ended, for the tooltip
    };

    explicit TimelineView(const SessionSource* source, QWidget* parent = nullptr);

    void setConnection(int conn);
    void appendBatch(const sockscope::EventBatch& events);

    const QList<Milestone>& milestones() const { return m_milestones; }
    // "1.234 ms", "2.5 s": the gap between two milestones.
    static QString durationText(qint64 us);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void observe(const CaptureEvent& event);
    void add(const QString& label, qint64 timeUs, bool failure = false, const QString& note = {});
    QPointF pointOf(int milestone) const;
    int milestoneAt(const QPoint& pos) const;

    const SessionSource* m_source = nullptr;
    int m_conn = 0;
    quint64 m_lastSeq = 0;
    bool m_seenIn = false;
    bool m_seenOut = false;
    ConnectionEnding m_ending;
    QList<Milestone> m_milestones;
};

} // namespace sockscope
