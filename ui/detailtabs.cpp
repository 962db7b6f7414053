#include "detailtabs.h"

#include "capture/payloadtext.h"
#include "eventlogpanel.h"
#include "followstreamview.h"
#include "framingview.h"
#include "sessionsource.h"
#include "timelineview.h"

#include <QFontDatabase>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStyle>

namespace sockscope {

namespace {
// "00000000  00 01 … 07  08 … 0f  |0123456789abcdef|"
constexpr int kHexLineChars = 78;
} // namespace

DetailTabs::DetailTabs(const SessionSource* source, EventLogModel* events, QWidget* parent)
    : QTabWidget(parent)
    , m_source(source)
    , m_hex(new QPlainTextEdit(this))
    , m_follow(new FollowStreamView(source, this))
    , m_events(new EventLogPanel(events, this))
    , m_framing(new FramingView(source, this))
    , m_timeline(new TimelineView(source, this)) {
    setAccessibleName(tr("Details"));
    setDocumentMode(true);
    m_hex->setReadOnly(true);
    m_hex->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hex->setAccessibleName(tr("Hex dump"));
    m_hex->setPlaceholderText(tr("Select a row in the traffic table to see its bytes."));
    addTab(m_hex, tr("He&x"));
    addTab(m_follow, tr("&Follow stream"));
    addTab(m_events, tr("E&vents"));
    addTab(m_framing, tr("Messa&ges"));
    addTab(m_timeline, tr("T&imeline"));
    setTabToolTip(indexOf(m_hex), tr("The selected chunk's bytes in hex and ASCII"));
    setTabToolTip(indexOf(m_follow), tr("The selected connection's whole conversation"));
    setTabToolTip(indexOf(m_events), tr("Listens, accepts, connects, closes and errors"));
    setTabToolTip(indexOf(m_framing),
                  tr("The selected connection's stream cut into messages by a framing rule"));
    setTabToolTip(indexOf(m_timeline), tr("The selected connection's lifecycle"));
}

QSize DetailTabs::sizeHint() const {
    const int line = m_hex->fontMetrics().horizontalAdvance(QString(kHexLineChars, u'0'));
    const int chrome = 2 * m_hex->frameWidth() + 2 * int(m_hex->document()->documentMargin()) +
                       m_hex->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    return {line + chrome, QTabWidget::sizeHint().height()};
}

void DetailTabs::showChunk(const CaptureEvent& chunk) {
    if (const std::optional<QByteArray> payload = m_source->fullPayload(chunk)) {
        m_hex->setPlainText(hexDump(*payload));
        return;
    }
    // Evicted between the batch and this click: say so rather than pass the
    // preview off as the chunk.
    m_hex->setPlainText(tr("Payload dropped under the capture budget: only the first %1 of %2 "
                           "bytes are left.\n\n%3")
                            .arg(QLocale().toString(chunk.data.size()),
                                 QLocale().toString(chunk.size), hexDump(chunk.data)));
}

void DetailTabs::followConnection(int conn) {
    m_follow->setConnection(conn);
    m_framing->setConnection(conn);
    m_timeline->setConnection(conn);
}

void DetailTabs::appendBatch(const EventBatch& events) {
    m_follow->appendBatch(events);
    m_framing->appendBatch(events);
    m_timeline->appendBatch(events);
}

} // namespace sockscope
