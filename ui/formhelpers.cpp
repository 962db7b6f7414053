#include "formhelpers.h"

#include "palettecolors.h"

#include <QLabel>

namespace sockscope {

QLabel* makeErrorLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, errorForeground(palette));
    label->setPalette(palette);
    label->hide();
    return label;
}

void showError(QLabel* label, const QString& error) {
    label->setText(error);
    label->setAccessibleDescription(error);
    label->setVisible(!error.isEmpty());
}

} // namespace sockscope
