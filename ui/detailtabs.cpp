#include "detailtabs.h"

#include "capture/payloadtext.h"
#include "eventlogpanel.h"
#include "followstreamview.h"

#include <QFontDatabase>
#include <QPlainTextEdit>

namespace sockscope {

DetailTabs::DetailTabs(const SessionSource* source, EventLogModel* events, QWidget* parent)
    : QTabWidget(parent)
    , m_hex(new QPlainTextEdit(this))
    , m_follow(new FollowStreamView(source, this))
    , m_events(new EventLogPanel(events, this)) {
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
    setTabToolTip(indexOf(m_hex), tr("The selected chunk's bytes in hex and ASCII"));
    setTabToolTip(indexOf(m_follow), tr("The selected connection's whole conversation"));
    setTabToolTip(indexOf(m_events), tr("Listens, accepts, connects, closes and errors"));
}

void DetailTabs::showChunk(const QByteArray& payload) {
    m_hex->setPlainText(hexDump(payload));
}

void DetailTabs::followConnection(int conn) {
    m_follow->setConnection(conn);
}

void DetailTabs::appendBatch(const EventBatch& events) {
    m_follow->appendBatch(events);
}

} // namespace sockscope
