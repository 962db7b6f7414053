#include "errorhighlightmodel.h"

#include "models/eventlogmodel.h"
#include "palettecolors.h"

#include <QGuiApplication>

namespace sockscope {

ErrorHighlightModel::ErrorHighlightModel(QObject* parent)
    : QIdentityProxyModel(parent) {
}

QVariant ErrorHighlightModel::data(const QModelIndex& index, int role) const {
    if (role == Qt::BackgroundRole || role == Qt::ForegroundRole) {
        if (index.data(EventLogModel::IsErrorRole).toBool()) {
            const QPalette palette = QGuiApplication::palette();
            return role == Qt::BackgroundRole ? errorBackground(palette) : errorForeground(palette);
        }
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace sockscope
