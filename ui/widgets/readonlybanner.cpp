#include "readonlybanner.h"

#include "models/palettecolors.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace sockscope {

ReadOnlyBanner::ReadOnlyBanner(const QString& filePath, const QString& note, QWidget* parent)
    : QFrame(parent)
    , m_message(new QLabel(this)) {
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Read-only session"));
    setAutoFillBackground(true);

    auto* icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(iconSize));
    icon->setAccessibleName(tr("Information"));

    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Read-only session"));
    m_message->setText(tr("Read-only: the saved session %1. Listening, connecting and sending are "
                          "off in this window; Export writes this session.")
                           .arg(QFileInfo(filePath).fileName()) +
                       (note.isEmpty() ? QString() : tr("\nWhile reading it, %1.").arg(note)));
    m_message->setToolTip(QDir::toNativeSeparators(QFileInfo(filePath).absoluteFilePath()));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon);
    layout->addWidget(m_message, 1);
    applyColours();
}

void ReadOnlyBanner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyColours();
}

void ReadOnlyBanner::applyColours() {
    // From the parent's palette, as NoticeBanner does, so the tint does not
    // compound with each PaletteChange our own setPalette() causes.
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window,
                    infoBackground(parentWidget() ? parentWidget()->palette() : QPalette()));
    if (tinted != palette())
        setPalette(tinted);
}

QString ReadOnlyBanner::message() const {
    return m_message->text();
}

} // namespace sockscope
