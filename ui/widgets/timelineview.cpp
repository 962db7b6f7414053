#include "timelineview.h"

#include "capture/capturestore.h"
#include "models/palettecolors.h"
#include "models/timeformat.h"
#include "sessionsource.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

namespace sockscope {

namespace {
constexpr int kDotRadius = 6;
constexpr int kMargin = 12;
} // namespace

TimelineView::TimelineView(const SessionSource* source, QWidget* parent)
    : QWidget(parent)
    , m_source(source) {
    setAccessibleName(tr("Connection timeline"));
    setAccessibleDescription(tr("The selected connection's milestones and the time between them"));
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

QSize TimelineView::sizeHint() const {
    return {600, 5 * fontMetrics().height() + 2 * kMargin};
}

QSize TimelineView::minimumSizeHint() const {
    return {200, 4 * fontMetrics().height() + 2 * kMargin};
}

void TimelineView::setConnection(int conn) {
    if (conn == m_conn)
        return;
    m_conn = conn;
    m_lastSeq = 0;
    m_seenIn = m_seenOut = false;
    m_ending = {};
    m_milestones.clear();
    // Milestones need the events, not their payloads: none are read.
    if (conn != 0)
        appendBatch(m_source->store().eventsOf(m_conn, 0));
    update();
}

void TimelineView::appendBatch(const EventBatch& events) {
    if (m_conn == 0)
        return;
    const qsizetype before = m_milestones.size();
    for (const CaptureEvent& event : events) {
        if (event.conn != m_conn || event.seq <= m_lastSeq)
            continue;
        m_lastSeq = event.seq;
        observe(event);
    }
    if (m_milestones.size() != before)
        update();
}

void TimelineView::observe(const CaptureEvent& e) {
    m_ending.observe(e);
    switch (e.kind) {
    case EventKind::Connect:
        add(tr("connect()"), e.timeUs);
        break;
    case EventKind::Connected:
        add(tr("connected"), e.timeUs);
        break;
    case EventKind::Accept:
        add(tr("accepted"), e.timeUs);
        break;
    case EventKind::Data:
        if (e.dir == Direction::In && !m_seenIn) {
            m_seenIn = true;
            add(tr("first byte in"), e.timeUs);
        } else if (e.dir == Direction::Out && !m_seenOut) {
            m_seenOut = true;
            add(tr("first byte out"), e.timeUs);
        }
        break;
    case EventKind::HalfClose:
        add(e.by == Closer::Peer ? tr("peer half-closed") : tr("we half-closed"), e.timeUs);
        break;
    case EventKind::Close:
        // The half-close dots before it show whose FIN came first; the
        // tooltip says how it ended in words.
        add(e.reset ? tr("we reset (RST)") : tr("closed"), e.timeUs, false,
            m_ending.text(ConnectionEnding::Wording::Translated));
        break;
    case EventKind::Error:
        add(e.error == ErrorCode::None ? tr("error") : errorCodeName(e.error), e.timeUs, true);
        break;
    case EventKind::Tls:
        if (e.tls && e.tls->ok)
            add(tr("TLS ready"), e.timeUs);
        break;
    case EventKind::Wire:
    case EventKind::Listen:
    case EventKind::Drop:
    case EventKind::Intercept:
    case EventKind::Rule:
        break;
    }
}

void TimelineView::add(const QString& label, qint64 timeUs, bool failure, const QString& note) {
    m_milestones.append({label, timeUs, failure, note});
}

QString TimelineView::durationText(qint64 us) {
    const QLocale locale;
    if (us < 1000)
        return tr("%1 µs").arg(us);
    if (us < 1000 * 1000)
        return tr("%1 ms").arg(locale.toString(double(us) / 1e3, 'f', 1));
    if (us < 60LL * 1000 * 1000)
        return tr("%1 s").arg(locale.toString(double(us) / 1e6, 'f', 2));
    return tr("%1 min").arg(locale.toString(double(us) / 6e7, 'f', 1));
}

QPointF TimelineView::pointOf(int milestone) const {
    // Evenly spaced rather than to scale: a handshake of microseconds next to
    // a conversation of minutes would otherwise collapse into one dot; the
    // real gaps are written between the dots.
    const int count = int(m_milestones.size());
    const qreal left = kMargin + 4 * fontMetrics().averageCharWidth();
    const qreal right = width() - left;
    const qreal x = count == 1 ? width() / 2.0 : left + (right - left) * milestone / (count - 1);
    return {x, height() / 2.0};
}

int TimelineView::milestoneAt(const QPoint& pos) const {
    for (int i = 0; i < m_milestones.size(); ++i) {
        if (QLineF(pointOf(i), pos).length() <= 2 * kDotRadius)
            return i;
    }
    return -1;
}

bool TimelineView::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const int i = milestoneAt(help->pos());
    if (i < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const Milestone& milestone = m_milestones[i];
    QString text = tr("%1 at %2").arg(milestone.label, formatLocalTimeUs(milestone.timeUs));
    if (!milestone.note.isEmpty())
        text += u'\n' + milestone.note;
    if (i > 0) {
        text += u'\n' + tr("%1 after the start")
                            .arg(durationText(milestone.timeUs - m_milestones.first().timeUs));
    }
    QToolTip::showText(help->globalPos(), text, this);
    return true;
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    if (m_milestones.isEmpty()) {
        painter.setPen(pal.color(QPalette::Disabled, QPalette::Text));
        painter.drawText(rect(), Qt::AlignCenter,
                         m_conn == 0 ? tr("Select a connection to see its lifecycle.")
                                     : tr("Nothing has happened on this connection yet."));
        return;
    }
    const QFontMetrics metrics = fontMetrics();
    const int count = int(m_milestones.size());
    const qreal slot = count == 1 ? width() : (pointOf(1).x() - pointOf(0).x());
    painter.setPen(QPen(pal.color(QPalette::Mid), 2));
    painter.drawLine(pointOf(0), pointOf(count - 1));
    for (int i = 0; i < count; ++i) {
        const Milestone& milestone = m_milestones[i];
        const QPointF at = pointOf(i);
        const QColor dot =
            milestone.failure ? errorForeground(pal) : pal.color(QPalette::Highlight);
        painter.setPen(QPen(pal.color(QPalette::Base), 2));
        painter.setBrush(dot);
        painter.drawEllipse(at, kDotRadius, kDotRadius);

        painter.setPen(milestone.failure ? errorForeground(pal) : pal.color(QPalette::Text));
        QRectF label(at.x() - slot / 2, at.y() - kDotRadius - 2 * metrics.height() - 4, slot,
                     2 * metrics.height());
        // The first and last labels are pushed inside the view rather than
        // cut at its edge ("closed by pee").
        label.moveLeft(qBound(0.0, label.left(), qMax(0.0, width() - label.width())));
        painter.drawText(label, Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap,
                         milestone.label);
        if (i == 0)
            continue;
        const QPointF previous = pointOf(i - 1);
        const QRectF gap(previous.x(), at.y() + kDotRadius + 4, at.x() - previous.x(),
                         metrics.height());
        painter.setPen(pal.color(QPalette::Disabled, QPalette::Text));
        painter.drawText(
            gap, Qt::AlignCenter,
            metrics.elidedText(durationText(milestone.timeUs - m_milestones[i - 1].timeUs),
                               Qt::ElideRight, int(gap.width())));
    }
}

} // namespace sockscope
