#include "eventlogpanel.h"

#include "models/eventlogmodel.h"
#include "tailfollower.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace sockscope {

EventLogPanel::EventLogPanel(EventLogModel* model, QWidget* parent)
    : QWidget(parent)
    , m_view(new QTableView(this)) {
    m_view->setModel(model);
    m_view->setAccessibleName(tr("Event log"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics metrics = m_view->fontMetrics();
    header->resizeSection(EventLogModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00:00:00.000000")) + 16);
    header->resizeSection(EventLogModel::EventColumn,
                          metrics.horizontalAdvance(QStringLiteral("half-close")) + 24);
    header->resizeSection(EventLogModel::SubjectColumn,
                          metrics.horizontalAdvance(QStringLiteral("listener #00 [::1]:00000")));
    new TailFollower(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const int conn = current.data(EventLogModel::ConnRole).toInt();
                if (conn != 0)
                    Q_EMIT connectionPicked(conn);
            });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

} // namespace sockscope
