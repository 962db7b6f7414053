#include "systemsocketsdelegate.h"

#include "models/systemsocketsmodel.h"
#include "palettecolors.h"

namespace sockscope {

void SystemSocketsDelegate::initStyleOption(QStyleOptionViewItem* option,
                                            const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const QPalette& palette = option->palette;
    if (index.data(SystemSocketsModel::IsClosedRole).toBool()) {
        option->palette.setColor(QPalette::Text, palette.color(QPalette::Disabled, QPalette::Text));
        option->font.setItalic(true);
        return;
    }
    if (index.data(SystemSocketsModel::IsNewRole).toBool())
        option->backgroundBrush = freshRowBackground(palette, 1.0);
    else if (index.data(SystemSocketsModel::IsOwnRole).toBool())
        option->backgroundBrush = infoBackground(palette);
    if (index.data(SystemSocketsModel::IsOwnRole).toBool())
        option->font.setBold(true);
}

} // namespace sockscope
