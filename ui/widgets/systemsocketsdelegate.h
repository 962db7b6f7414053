#pragma once

#include <QStyledItemDelegate>

namespace sockscope {

// Paints the system socket table: SockScope's own sockets tinted, sockets
// that appeared in the latest snapshot highlighted, and sockets that are gone
// (shown for one more snapshot) greyed out. Colours come from the palette.
class SystemSocketsDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemSocketsDelegate)
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace sockscope
