#include "elidinglabel.h"

namespace sockscope {

ElidingLabel::ElidingLabel(QWidget* parent)
    : QLabel(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidingLabel::setFullText(const QString& text) {
    if (text == m_fullText)
        return;
    m_fullText = text;
    updateGeometry();
    elide();
}

QSize ElidingLabel::sizeHint() const {
    const QMargins margins = contentsMargins();
    // A pixel to spare: elidedText() measures a little wider than horizontalAdvance().
    return {fontMetrics().horizontalAdvance(m_fullText) + margins.left() + margins.right() +
                2 * margin() + 2,
            QLabel::sizeHint().height()};
}

QSize ElidingLabel::minimumSizeHint() const {
    const QMargins margins = contentsMargins();
    return {fontMetrics().horizontalAdvance(QStringLiteral("…")) * 4 + margins.left() +
                margins.right(),
            QLabel::minimumSizeHint().height()};
}

void ElidingLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    elide();
}

void ElidingLabel::elide() {
    const int width = contentsRect().width() - 2 * margin();
    setText(fontMetrics().elidedText(m_fullText, Qt::ElideMiddle, width));
}

} // namespace sockscope
