#include "trafficpanel.h"

#include "capture/capturestore.h"
#include "keyboardcontextmenu.h"
#include "models/byteformat.h"
#include "models/trafficmodel.h"
#include "sessionsource.h"
#include "tailfollower.h"
#include "trafficfiltermodel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QShortcut>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace sockscope {

TrafficPanel::TrafficPanel(TrafficModel* model, const SessionSource* source, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_source(source)
    , m_filter(new TrafficFilterModel(this))
    , m_view(new QTableView(this))
    , m_title(new QLabel(this))
    , m_all(new QCheckBox(tr("&All connections"), this)) {
    m_filter->setSourceModel(model);
    m_view->setModel(m_filter);
    m_view->setAccessibleName(tr("Traffic"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed heights keep scrolling cheap with many thousand rows.
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics metrics = m_view->fontMetrics();
    header->resizeSection(TrafficModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00:00:00.000000")) + 16);
    header->resizeSection(TrafficModel::ConnColumn,
                          metrics.horizontalAdvance(QStringLiteral("#00000")) + 16);
    header->resizeSection(
        TrafficModel::DirectionColumn,
        qMax(metrics.horizontalAdvance(tr("→ out")),
             metrics.horizontalAdvance(
                 model->headerData(TrafficModel::DirectionColumn, Qt::Horizontal).toString())) +
            24);
    header->resizeSection(TrafficModel::SizeColumn,
                          metrics.horizontalAdvance(QStringLiteral("000.0 KiB")) + 16);
    new TailFollower(m_view);

    m_title->setAccessibleName(tr("Traffic filter"));
    m_title->setTextFormat(Qt::PlainText);
    m_all->setAccessibleName(tr("Show all connections"));
    m_all->setToolTip(tr("Show the traffic of every connection, not only the selected one"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_all);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(makeFindBar());
    layout->addWidget(m_view, 1);

    connect(m_all, &QCheckBox::toggled, this, &TrafficPanel::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const CaptureEvent chunk = current.isValid() ? eventAt(current) : CaptureEvent{};
                Q_EMIT currentChunkChanged(chunk);
                if (chunk.conn == 0 || chunk.conn == m_conn)
                    return;
                // The table showed every connection because none was
                // selected: it goes on doing so, now that one is.
                if (m_conn == 0)
                    m_all->setChecked(true);
                Q_EMIT connectionPicked(chunk.conn);
            });
    connect(m_view, &QAbstractItemView::activated, this,
            [this](const QModelIndex& index) { Q_EMIT showInStreamRequested(eventAt(index)); });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TrafficPanel::showContextMenu);
    addKeyboardContextMenu(m_view);
    applyFilter();
}

void TrafficPanel::showContextMenu(const QPoint& pos) {
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    addChunkActions(&menu, index);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void TrafficPanel::addChunkActions(QMenu* menu, const QModelIndex& index) {
    const CaptureEvent chunk = eventAt(index);
    menu->addAction(tr("Show in &Follow stream"), this,
                    [this, chunk] { Q_EMIT showInStreamRequested(chunk); });
    if (chunk.conn != m_conn) {
        menu->addAction(tr("Select &connection #%1").arg(chunk.conn), this,
                        [this, conn = chunk.conn] { Q_EMIT connectionPicked(conn); });
    }
    menu->addSeparator();
    // The whole payload, as the hex tab shows it, not the row's preview.
    const auto payload = [this, chunk] {
        return chunk.isPreview()
                   ? m_source->store().payload(chunk.conn, chunk.seq).value_or(chunk.data)
                   : chunk.data;
    };
    menu->addAction(tr("Copy payload as &text"), this, [payload] {
        QGuiApplication::clipboard()->setText(QString::fromUtf8(payload()));
    });
    menu->addAction(tr("Copy payload as &hex"), this, [payload] {
        QGuiApplication::clipboard()->setText(QString::fromLatin1(payload().toHex(' ')));
    });
}

void TrafficPanel::setConnection(int conn, const QString& description) {
    m_conn = conn;
    m_description = description;
    applyFilter();
}

int TrafficPanel::shownConnection() const {
    return m_filter->connection();
}

void TrafficPanel::showFindBar() {
    m_findBar->show();
    m_findEdit->setFocus();
    m_findEdit->selectAll();
}

bool TrafficPanel::find(const QString& text, bool backward) {
    const int rows = m_filter->rowCount();
    if (text.isEmpty() || rows == 0) {
        m_findStatus->clear();
        return false;
    }
    const int current =
        m_view->currentIndex().isValid() ? m_view->currentIndex().row() : (backward ? rows : -1);
    const int step = backward ? -1 : 1;
    qint64 readBudget = kFindReadBudget;
    for (int i = 1; i <= rows; ++i) {
        const int row = ((current + step * i) % rows + rows) % rows;
        if (matches(row, text, &readBudget)) {
            const QModelIndex hit = m_filter->index(row, TrafficModel::PreviewColumn);
            m_view->setCurrentIndex(hit);
            m_view->scrollTo(hit);
            m_findStatus->clear();
            return true;
        }
    }
    m_findStatus->setText(readBudget > 0 ? tr("Not found")
                                         : tr("Not found in the rows' previews and the first "
                                              "%1 of payload; Follow stream's Find searches a "
                                              "whole connection")
                                               .arg(formatBytes(kFindReadBudget)));
    return false;
}

QWidget* TrafficPanel::makeFindBar() {
    m_findBar = new QWidget(this);
    m_findEdit = new QLineEdit(m_findBar);
    m_findEdit->setAccessibleName(tr("Find in traffic"));
    m_findEdit->setPlaceholderText(tr("Find text in the traffic (Enter: next, Shift+Enter: "
                                      "previous)"));
    m_findEdit->setClearButtonEnabled(true);
    m_findStatus = new QLabel(m_findBar);
    m_findStatus->setAccessibleName(tr("Find status"));
    auto* close = new QToolButton(m_findBar);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close the find bar (Escape)"));
    close->setAccessibleName(tr("Close find bar"));

    auto* row = new QHBoxLayout(m_findBar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_findEdit, 1);
    row->addWidget(m_findStatus);
    row->addWidget(close);

    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] {
        const bool backward = QGuiApplication::keyboardModifiers().testFlag(Qt::ShiftModifier);
        find(m_findEdit->text(), backward);
    });
    connect(m_findEdit, &QLineEdit::textChanged, m_findStatus, &QLabel::clear);
    connect(close, &QToolButton::clicked, m_findBar, &QWidget::hide);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_findBar);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, m_findBar, &QWidget::hide);
    m_findBar->hide();
    return m_findBar;
}

void TrafficPanel::applyFilter() {
    const bool all = m_all->isChecked() || m_conn == 0;
    m_filter->setConnection(all ? 0 : m_conn);
    m_title->setText(m_all->isChecked() ? tr("Traffic of all connections")
                     : all ? tr("Traffic of all connections (select one to see only its own)")
                           : tr("Traffic of %1")
                                 .arg(m_description.isEmpty() ? tr("connection #%1").arg(m_conn)
                                                              : m_description));
}

bool TrafficPanel::matches(int proxyRow, const QString& text, qint64* readBudget) const {
    const QModelIndex row = m_filter->index(proxyRow, TrafficModel::PreviewColumn);
    if (row.data().toString().contains(text, Qt::CaseInsensitive))
        return true;
    const CaptureEvent& chunk = eventAt(row);
    if (!chunk.isPreview() || *readBudget < chunk.size)
        return chunk.data.contains(text.toUtf8());
    // A payload the capture no longer holds can only be searched in what
    // its row kept.
    *readBudget -= chunk.size;
    return m_source->fullPayload(chunk).value_or(chunk.data).contains(text.toUtf8());
}

const CaptureEvent& TrafficPanel::eventAt(const QModelIndex& proxyIndex) const {
    return m_model->eventAt(m_filter->mapToSource(proxyIndex).row());
}

} // namespace sockscope
