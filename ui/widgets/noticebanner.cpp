#include "noticebanner.h"

#include "models/palettecolors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace sockscope {

NoticeBanner::NoticeBanner(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_message(new QLabel(this))
    , m_action(new QPushButton(this)) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Notice"));

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Notice message"));
    m_action->setAccessibleName(tr("Notice action"));

    auto* dismiss = new QToolButton(this);
    dismiss->setAutoRaise(true);
    dismiss->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    dismiss->setToolTip(tr("Dismiss"));
    dismiss->setAccessibleName(tr("Dismiss notice"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_action);
    layout->addWidget(dismiss);

    connect(m_action, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT actionTriggered();
    });
    connect(dismiss, &QToolButton::clicked, this, &QWidget::hide);

    applyColours();
    hide();
}

void NoticeBanner::showNotice(const QString& message, const QString& actionText) {
    m_message->setText(message);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    show();
}

QString NoticeBanner::message() const {
    return m_message->text();
}

void NoticeBanner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyColours();
}

void NoticeBanner::applyColours() {
    // Setting our own palette triggers another PaletteChange; derive from the
    // parent's palette so that the tint does not compound.
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window,
                    warningBackground(parentWidget() ? parentWidget()->palette() : QPalette()));
    if (tinted != palette())
        setPalette(tinted);
}

} // namespace sockscope
