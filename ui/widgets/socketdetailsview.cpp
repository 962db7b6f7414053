#include "socketdetailsview.h"

#include "models/connectionsmodel.h"

#include <QScrollBar>

namespace sockscope {

SocketDetailsView::SocketDetailsView(QWidget* parent)
    : QTextBrowser(parent) {
    setAccessibleName(tr("Socket details"));
    setOpenLinks(false);
    setPlaceholderText(tr("Select a listener or a connection in the list to see everything "
                          "about it: addresses and ports, backlog, state, how it ended, bytes "
                          "and drops."));
}

void SocketDetailsView::showRow(const QModelIndex& row) {
    watch(qobject_cast<const ConnectionsModel*>(row.model()));
    m_row = row.siblingAtColumn(0);
    refresh();
}

void SocketDetailsView::showEvent(QShowEvent* event) {
    QTextBrowser::showEvent(event);
    if (m_stale)
        refresh();
}

void SocketDetailsView::watch(const ConnectionsModel* model) {
    if (model == nullptr || model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    connect(model, &QAbstractItemModel::dataChanged, this, &SocketDetailsView::rowsChanged);
    // A cleared row is gone: its persistent index is invalid by now.
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SocketDetailsView::refresh);
    connect(model, &QAbstractItemModel::modelReset, this, &SocketDetailsView::refresh);
}

void SocketDetailsView::rowsChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight) {
    if (!m_row.isValid() || m_row.parent() != topLeft.parent() || m_row.row() < topLeft.row() ||
        m_row.row() > bottomRight.row())
        return;
    // A busy connection changes with every batch: only what is seen is redone.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    refresh();
}

void SocketDetailsView::refresh() {
    m_stale = false;
    if (!m_row.isValid() || m_model == nullptr) {
        m_lastHtml.clear();
        clear();
        return;
    }
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const ConnectionsModel::Detail& detail : m_model->details(m_row)) {
        html += QStringLiteral("<tr><td valign=\"top\" style=\"padding-right:12px\"><b>%1</b></td>"
                               "<td>%2</td></tr>")
                    .arg(detail.label.toHtmlEscaped(), detail.value.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    if (html == m_lastHtml)
        return;
    m_lastHtml = html;
    // Live numbers change under the reader: keep where they were.
    const int scrolled = verticalScrollBar()->value();
    setHtml(html);
    verticalScrollBar()->setValue(scrolled);
}

} // namespace sockscope
