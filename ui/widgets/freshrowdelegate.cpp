#include "freshrowdelegate.h"

#include "models/connectionsmodel.h"
#include "models/palettecolors.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>

namespace sockscope {

namespace {
constexpr int kFrameMs = 50;
}

FreshRowDelegate::FreshRowDelegate(QAbstractItemView* view)
    : QStyledItemDelegate(view)
    , m_view(view)
    , m_tlsIcon(QStringLiteral(":/icons/tls.svg"))
    , m_tlsHandshakingIcon(QStringLiteral(":/icons/tls-handshaking.svg"))
    , m_tlsFailedIcon(QStringLiteral(":/icons/tls-failed.svg")) {
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
    if (const qreal glow = strength(index); glow > 0)
        option->backgroundBrush = freshRowBackground(option->palette, glow);
    if (index.column() == ConnectionsModel::LocalColumn ||
        index.column() == ConnectionsModel::PeerColumn)
        option->textElideMode = Qt::ElideLeft;
    if (index.column() == ConnectionsModel::NameColumn) {
        using Tls = ConnectionsModel::Tls;
        const auto tls = Tls(index.data(ConnectionsModel::TlsRole).toInt());
        if (tls != Tls::None) {
            option->icon = tls == Tls::Secured       ? m_tlsIcon
                           : tls == Tls::Handshaking ? m_tlsHandshakingIcon
                                                     : m_tlsFailedIcon;
            option->features |= QStyleOptionViewItem::HasDecoration;
        }
    }
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
    for (int row = std::max(first, last - kMaxFreshRows + 1); row <= last; ++row) {
        const RowKey key = keyOf(model->index(row, 0, parent));
        m_insertedAtMs.insert(key, now);
        m_insertionOrder.emplace_back(key, now);
    }
    while (m_insertionOrder.size() > std::size_t(kMaxFreshRows)) {
        forgetOldest();
        m_cutShort = true;
    }
    if (!m_fadeTimer.isActive())
        m_fadeTimer.start();
}

void FreshRowDelegate::forgetOldest() {
    const auto& [key, at] = m_insertionOrder.front();
    // A row inserted again since (a model reset) keeps its newer time.
    if (const auto found = m_insertedAtMs.constFind(key);
        found != m_insertedAtMs.cend() && found.value() == at)
        m_insertedAtMs.erase(found);
    m_insertionOrder.pop_front();
}

void FreshRowDelegate::tick() {
    QWidget* viewport = m_view->viewport();
    if (m_cutShort) {
        viewport->update();
        m_cutShort = false;
    } else {
        // Only the rows on screen that glow, or stop glowing now, are painted
        // again; walking the screen's rows costs the same with 10 or 10,000.
        const QRect area = viewport->rect();
        QModelIndex index = m_view->indexAt(area.topLeft());
        while (index.isValid()) {
            const QRect cell = m_view->visualRect(index);
            if (cell.isEmpty() || cell.top() > area.bottom())
                break;
            if (m_insertedAtMs.contains(keyOf(index)))
                viewport->update(QRect(area.left(), cell.top(), area.width(), cell.height()));
            index = m_view->indexAt(QPoint(area.left(), cell.bottom() + 1));
        }
    }
    const qint64 now = m_clock.elapsed();
    while (!m_insertionOrder.empty() && now - m_insertionOrder.front().second > kFadeMs)
        forgetOldest();
    if (m_insertionOrder.empty())
        m_fadeTimer.stop();
}

qreal FreshRowDelegate::strength(const QModelIndex& index) const {
    const auto found = m_insertedAtMs.constFind(keyOf(index));
    if (found == m_insertedAtMs.cend())
        return 0;
    const qint64 age = m_clock.elapsed() - found.value();
    return age >= kFadeMs ? 0 : 1.0 - qreal(age) / kFadeMs;
}

} // namespace sockscope
