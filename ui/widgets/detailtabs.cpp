#include "detailtabs.h"

#include "base/payloadtext.h"
#include "capture/capturestore.h"
#include "eventlogpanel.h"
#include "followstreamview.h"
#include "framingview.h"
#include "interceptpanel.h"
#include "sessionfolder.h"
#include "sessionsource.h"
#include "socketdetailsview.h"
#include "streamfindbar.h"
#include "timelineview.h"
#include "tlsinspectorview.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace sockscope {

namespace {
// "00000000  00 01 … 07  08 … 0f  |0123456789abcdef|"
constexpr int kHexLineChars = 78;
} // namespace

DetailTabs::DetailTabs(const SessionSource* source, EventLogModel* events, QWidget* parent)
    : QTabWidget(parent)
    , m_source(source)
    , m_socketDetails(new SocketDetailsView(this))
    , m_hex(new QPlainTextEdit(this))
    , m_follow(new FollowStreamView(source, this))
    , m_events(new EventLogPanel(events, this))
    , m_framing(new FramingView(source, this))
    , m_timeline(new TimelineView(source, this))
    , m_intercept(new InterceptPanel(source, this))
    , m_tls(new TlsInspectorView(source, this)) {
    setAccessibleName(tr("Details"));
    setDocumentMode(true);
    m_hex->setReadOnly(true);
    m_hex->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hex->setAccessibleName(tr("Hex dump"));
    m_hex->setPlaceholderText(tr("Select a row in the traffic table to see its bytes."));
    // First: what the tree's columns have no room for.
    addTab(m_socketDetails, tr("&Details"));
    addTab(m_hex, tr("He&x"));
    addTab(makeFollowPage(), tr("&Follow stream"));
    addTab(m_events, tr("E&vents"));
    addTab(m_framing, tr("Messa&ges"));
    addTab(m_timeline, tr("T&imeline"));
    addTab(m_intercept, tr("I&ntercept"));
    addTab(m_tls, tr("T&LS"));
    setTabToolTip(indexOf(m_socketDetails),
                  tr("Everything about the listener or connection selected in the list"));
    setTabToolTip(indexOf(m_hex), tr("The selected chunk's bytes in hex and ASCII"));
    setTabToolTip(indexOf(m_followPage), tr("The selected connection's whole conversation"));
    setTabToolTip(indexOf(m_events), tr("Listens, accepts, connects, closes and errors"));
    setTabToolTip(indexOf(m_framing),
                  tr("The selected connection's stream cut into messages by a framing rule"));
    setTabToolTip(indexOf(m_timeline), tr("The selected connection's lifecycle"));
    setTabToolTip(indexOf(m_tls), tr("The selected connection's TLS handshake: version, cipher, "
                                     "certificates and their verification, hellos"));
}

QSize DetailTabs::sizeHint() const {
    const int line = m_hex->fontMetrics().horizontalAdvance(QString(kHexLineChars, u'0'));
    const int chrome = 2 * m_hex->frameWidth() + 2 * int(m_hex->document()->documentMargin()) +
                       m_hex->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    return {line + chrome, QTabWidget::sizeHint().height()};
}

void DetailTabs::showChunk(const CaptureEvent& chunk, bool picked) {
    // A chunk the person picked while the socket's details are up asks for
    // its bytes; one that became current as the table changed does not.
    if (picked && chunk.kind == EventKind::Data && currentWidget() == m_socketDetails)
        setCurrentWidget(m_hex);
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
    m_findBar->setConnection(conn);
    updateFollowControls();
    m_framing->setConnection(conn);
    m_timeline->setConnection(conn);
    m_tls->setConnection(conn);
}

void DetailTabs::showSocket(const QModelIndex& row) {
    m_socketDetails->showRow(row);
    m_intercept->showRow(row);
}

void DetailTabs::showInStream(const CaptureEvent& chunk) {
    if (chunk.conn == 0)
        return;
    followConnection(chunk.conn);
    setCurrentWidget(m_followPage);
    // A chunk none of whose payload is kept has no place to show.
    if (const auto offset = m_source->store().streamOffsetOf(chunk.conn, chunk.seq))
        m_follow->scrollToOffset(*offset);
}

void DetailTabs::appendBatch(const EventBatch& events) {
    m_follow->appendBatch(events);
    m_framing->appendBatch(events);
    m_timeline->appendBatch(events);
    m_intercept->appendBatch(events);
    m_tls->appendBatch(events);
}

QWidget* DetailTabs::makeFollowPage() {
    m_followPage = new QWidget(this);
    m_followMode = new QComboBox(m_followPage);
    m_chunkBoundaries = new QCheckBox(tr("Chun&k boundaries"), m_followPage);
    m_findButton = new QToolButton(m_followPage);
    m_saveStream = new QToolButton(m_followPage);
    m_findBar = new StreamFindBar(m_source, m_follow, m_followPage);

    auto* modeLabel = new QLabel(tr("Sho&w as:"), m_followPage);
    modeLabel->setBuddy(m_followMode);
    m_followMode->addItem(tr("Text"), int(FollowStreamView::Mode::Text));
    m_followMode->addItem(tr("Hex dump"), int(FollowStreamView::Mode::Hex));
    m_followMode->addItem(tr("Raw hex"), int(FollowStreamView::Mode::Raw));
    m_followMode->setAccessibleName(tr("Show stream as"));
    m_followMode->setToolTip(tr("Text with escapes, a hex dump (offset, hex, ASCII) or "
                                "continuous hex digits"));
    m_followMode->setCurrentIndex(m_followMode->findData(int(m_follow->mode())));
    m_chunkBoundaries->setAccessibleName(tr("Show chunk boundaries"));
    m_chunkBoundaries->setToolTip(tr("Mark where each received or sent chunk starts"));
    m_chunkBoundaries->setChecked(m_follow->showsChunkBoundaries());
    m_findButton->setText(tr("Find…"));
    m_findButton->setAccessibleName(tr("Find in stream"));
    m_findButton->setToolTip(tr("Find text or hex bytes in the whole stream (Ctrl+F)"));
    m_saveStream->setText(tr("Save strea&m…"));
    m_saveStream->setAccessibleName(tr("Save stream"));
    m_saveStream->setToolTip(tr("Save the stream's bytes to a file: both directions or one"));
    m_saveStream->setPopupMode(QToolButton::InstantPopup);
    auto* saveMenu = new QMenu(m_saveStream);
    saveMenu->addAction(tr("&Both directions…"), this,
                        [this] { saveFollowedStream(Direction::None); });
    saveMenu->addAction(tr("&Received only…"), this, [this] { saveFollowedStream(Direction::In); });
    saveMenu->addAction(tr("&Sent only…"), this, [this] { saveFollowedStream(Direction::Out); });
    m_saveStream->setMenu(saveMenu);
    m_findBar->installFindShortcut(m_followPage);

    // One row of controls, no wider than a hex dump line, so that the view
    // below keeps its full width and nearly all of the tab's height.
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(2, 2, 2, 0);
    controls->addWidget(modeLabel);
    controls->addWidget(m_followMode);
    controls->addWidget(m_chunkBoundaries);
    controls->addStretch(1);
    controls->addWidget(m_findButton);
    controls->addWidget(m_saveStream);
    auto* layout = new QVBoxLayout(m_followPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addWidget(m_findBar);
    layout->addWidget(m_follow, 1);

    // Both ways: the view's context menu changes the same settings.
    connect(m_followMode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_follow->setMode(FollowStreamView::Mode(m_followMode->itemData(index).toInt()));
    });
    connect(m_follow, &FollowStreamView::modeChanged, this, [this](FollowStreamView::Mode mode) {
        m_followMode->setCurrentIndex(m_followMode->findData(int(mode)));
    });
    connect(m_chunkBoundaries, &QCheckBox::toggled, m_follow,
            &FollowStreamView::setShowChunkBoundaries);
    connect(m_follow, &FollowStreamView::showChunkBoundariesChanged, m_chunkBoundaries,
            &QCheckBox::setChecked);
    connect(m_findButton, &QToolButton::clicked, m_findBar, &StreamFindBar::open);
    updateFollowControls();
    return m_followPage;
}

void DetailTabs::saveFollowedStream(Direction which) {
    const int conn = m_follow->connection();
    if (conn == 0)
        return;
    const QString suffix = which == Direction::In    ? QStringLiteral("-received")
                           : which == Direction::Out ? QStringLiteral("-sent")
                                                     : QString();
    const QString name = QStringLiteral("connection-%1%2.bin").arg(conn).arg(suffix);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save stream"), QDir(sessionFolder()).filePath(name));
    if (path.isEmpty())
        return;
    rememberSessionFolder(path);
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool saved = m_follow->saveStream(path, which, &error);
    QApplication::restoreOverrideCursor();
    if (!saved)
        QMessageBox::warning(this, tr("Save stream"), error);
}

void DetailTabs::updateFollowControls() {
    const bool following = m_follow->connection() != 0;
    m_findButton->setEnabled(following);
    m_saveStream->setEnabled(following);
}

} // namespace sockscope
