#include "freshrowdelegate.h"

#include "models/connectionsmodel.h"
#include "palettecolors.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

namespace sockscope {

namespace {
constexpr int kFrameMs = 50;
}

FreshRowDelegate::FreshRowDelegate(QAbstractItemView* view)
    : QStyledItemDelegate(view)
    , m_view(view) {
    m_clock.start();
    m_fadeTimer.setInterval(kFrameMs);
    connect(&m_fadeTimer, &QTimer::timeout, this, &FreshRowDelegate::tick);
    connect(view->model(), &QAbstractItemModel::rowsInserted, this,
            &FreshRowDelegate::markInserted);
}

bool FreshRowDelegate::isFresh(const QModelIndex& index) const {
    return strength(index) > 0;
}

void FreshRowDelegate::initStyleOption(QStyleOptionViewItem* option,
                                       const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(ConnectionsModel::ClosedRole).toBool()) {
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
    }
    if (const qreal glow = strength(index); glow > 0)
        option->backgroundBrush = freshRowBackground(option->palette, glow);
    if (index.column() == ConnectionsModel::LocalColumn ||
        index.column() == ConnectionsModel::PeerColumn)
        option->textElideMode = Qt::ElideLeft;
}

bool FreshRowDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view,
                                 const QStyleOptionViewItem& option, const QModelIndex& index) {
    if (event->type() == QEvent::ToolTip && !index.data(Qt::ToolTipRole).isValid()) {
        QStyleOptionViewItem cell = option;
        initStyleOption(&cell, index);
        const QStyle* style = view->style();
        const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &cell, view);
        // The item's text margin on both sides, as the style paints it.
        const int margins = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, &cell, view) + 1);
        if (cell.fontMetrics.horizontalAdvance(cell.text) > text.width() - margins) {
            QToolTip::showText(event->globalPos(), cell.text, view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

FreshRowDelegate::RowKey FreshRowDelegate::keyOf(const QModelIndex& index) {
    const QModelIndex first = index.siblingAtColumn(0);
    return {first.data(ConnectionsModel::RowKindRole).toInt(),
            first.data(ConnectionsModel::IdRole).toInt()};
}

void FreshRowDelegate::markInserted(const QModelIndex& parent, int first, int last) {
    const QAbstractItemModel* model = m_view->model();
    const qint64 now = m_clock.elapsed();
    for (int row = first; row <= last; ++row)
        m_insertedAtMs.insert(keyOf(model->index(row, 0, parent)), now);
    if (!m_fadeTimer.isActive())
        m_fadeTimer.start();
}

void FreshRowDelegate::tick() {
    const qint64 now = m_clock.elapsed();
    m_insertedAtMs.removeIf([now](const auto& entry) { return now - entry.value() > kFadeMs; });
    if (m_insertedAtMs.isEmpty())
        m_fadeTimer.stop();
    m_view->viewport()->update();
}

qreal FreshRowDelegate::strength(const QModelIndex& index) const {
    const auto found = m_insertedAtMs.constFind(keyOf(index));
    if (found == m_insertedAtMs.cend())
        return 0;
    const qint64 age = m_clock.elapsed() - found.value();
    return age >= kFadeMs ? 0 : 1.0 - qreal(age) / kFadeMs;
}

} // namespace sockscope
