#include "sendprogress.h"

#include "models/palettecolors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace sockscope {

namespace {
// QProgressBar counts in int; files are counted in bytes beyond 2 GiB.
constexpr int kBarSteps = 1000;
} // namespace

SendProgress::SendProgress(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_stop(new QPushButton(tr("Stop"), this)) {
    m_label->setAccessibleName(tr("Send progress"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_bar->setRange(0, kBarSteps);
    m_bar->setAccessibleName(tr("Send progress bar"));
    m_bar->setTextVisible(true);
    m_stop->setAccessibleName(tr("Stop sending"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 2);
    layout->addWidget(m_bar, 3);
    layout->addWidget(m_stop);
    connect(m_stop, &QPushButton::clicked, this, &SendProgress::stopRequested);
    hide();
}

void SendProgress::start(const QString& title, const QString& stopText, bool blocksSending) {
    m_running = true;
    m_blocksSending = blocksSending;
    m_label->setText(title);
    m_label->setPalette(palette());
    m_bar->setValue(0);
    m_bar->setFormat({});
    m_bar->show();
    m_stop->setText(stopText);
    m_stop->show();
    show();
    Q_EMIT runningChanged(true);
}

void SendProgress::setProgress(qint64 done, qint64 total, const QString& text) {
    m_bar->setValue(total > 0 ? int(qBound(qint64(0), done * kBarSteps / total, qint64(kBarSteps)))
                              : 0);
    // The text is the format: a '%' in it would be read as a placeholder.
    m_bar->setFormat(QString(text).replace(u'%', QStringLiteral("%%")));
}

void SendProgress::finish(const QString& message, bool ok) {
    const bool wasRunning = m_running;
    m_running = false;
    m_bar->hide();
    m_stop->hide();
    m_label->setText(message);
    QPalette palette = this->palette();
    if (!ok)
        palette.setColor(QPalette::WindowText, errorForeground(palette));
    m_label->setPalette(palette);
    show();
    if (wasRunning)
        Q_EMIT runningChanged(false);
}

void SendProgress::clearOutcome() {
    if (!m_running)
        hide();
}

} // namespace sockscope
