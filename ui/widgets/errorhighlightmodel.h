#pragma once

#include <QIdentityProxyModel>

namespace sockscope {

// Colours the event log's error rows, in colours mixed from the palette.
class ErrorHighlightModel final : public QIdentityProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorHighlightModel)
public:
    explicit ErrorHighlightModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};

} // namespace sockscope
