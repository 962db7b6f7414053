#include "sessionstatusbar.h"

#include "elidinglabel.h"
#include "models/byteformat.h"
#include "models/palettecolors.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>

namespace sockscope {

SessionStatusBar::SessionStatusBar(QWidget* parent)
    : QStatusBar(parent)
    , m_listeners(addLabel(tr("Listeners"), tr("Listening sockets")))
    , m_connections(
          addLabel(tr("Open connections"), tr("Accepted and outgoing connections still open")))
    , m_bytes(addLabel(tr("Traffic totals"), tr("Bytes received and sent in this session")))
    , m_capture(addLabel(tr("Capture memory"),
                         tr("Payload kept in memory for display and export, of the budget "
                            "(--capture-budget)")))
    , m_dropped(addLabel(tr("Dropped capture"),
                         tr("The oldest payload was dropped to stay within the capture "
                            "budget. The traffic itself was not affected.")))
    , m_recording(addLabel(tr("Recording"), {}, true)) {
    m_dropped->setAutoFillBackground(true);
    QPalette warning = m_dropped->palette();
    warning.setColor(QPalette::Window, errorBackground(warning));
    warning.setColor(QPalette::WindowText, errorForeground(warning));
    m_dropped->setPalette(warning);
    m_dropped->hide();
    showStats({});
}

void SessionStatusBar::showStats(const SessionStats& stats) {
    m_listeners->setText(tr("Listeners: %1").arg(stats.listeners));
    m_connections->setText(tr("Open connections: %1").arg(stats.openConnections));
    setLabelText(
        m_bytes,
        tr("↓ %1 in  ↑ %2 out").arg(formatBytes(stats.bytesIn), formatBytes(stats.bytesOut)));
    // A saved session has no capture budget to speak of.
    m_capture->setVisible(stats.captureBudget > 0);
    setLabelText(m_capture,
                 tr("Capture %1 of %2")
                     .arg(formatBytes(stats.captureUsed), formatBytes(stats.captureBudget)));
    m_recording->setVisible(!stats.recordingPath.isEmpty());
    setLabelText(m_recording, tr("● Recording to %1 (%2)")
                                  .arg(QFileInfo(stats.recordingPath).fileName(),
                                       formatBytes(stats.recordedBytes)));
    m_recording->setToolTip(tr("Every event is being written to %1")
                                .arg(QDir::toNativeSeparators(stats.recordingPath)));
    m_dropped->setVisible(stats.dropped.bytes > 0 || stats.dropped.events > 0);
    m_dropped->setText(tr("Dropped %1 · events: %2")
                           .arg(formatBytes(stats.dropped.bytes))
                           .arg(stats.dropped.events));
}

void SessionStatusBar::setLabelText(QLabel* label, const QString& text) {
    if (auto* eliding = qobject_cast<ElidingLabel*>(label))
        eliding->setFullText(text);
    else
        label->setText(text);
}

QLabel* SessionStatusBar::addLabel(const QString& accessibleName, const QString& toolTip,
                                   bool eliding) {
    QLabel* label = eliding ? new ElidingLabel(this) : new QLabel(this);
    label->setAccessibleName(accessibleName);
    label->setToolTip(toolTip);
    label->setContentsMargins(6, 0, 6, 0);
    addPermanentWidget(label);
    return label;
}

} // namespace sockscope
