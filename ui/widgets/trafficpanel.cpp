#include "trafficpanel.h"

#include "capture/capturestore.h"
#include "keyboardcontextmenu.h"
#include "models/byteformat.h"
#include "models/trafficmodel.h"
#include "sessionsource.h"
#include "tailfollower.h"
#include "trafficfilterbar.h"
#include "trafficfiltermodel.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace sockscope {

TrafficPanel::TrafficPanel(TrafficModel* model, const SessionSource* source, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_source(source)
    , m_filter(new TrafficFilterModel(source, this))
    , m_view(new QTableView(this))
    , m_title(new QLabel(this))
    , m_all(new QCheckBox(tr("&All connections"), this))
    , m_bar(new TrafficFilterBar(this)) {
    // Before the proxy sees the removal, or the view would first move the
    // current row to a neighbour.
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex&, int first, int last) { dropCurrentIn(first, last); });
    m_filter->setSourceModel(model);
    m_view->setModel(m_filter);
    m_view->setAccessibleName(tr("Traffic"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
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
        std::max(
            {metrics.horizontalAdvance(TrafficModel::directionText(Direction::Out)),
             metrics.horizontalAdvance(TrafficModel::directionText(Direction::In)),
             metrics.horizontalAdvance(
                 model->headerData(TrafficModel::DirectionColumn, Qt::Horizontal).toString())}) +
            24);
    header->resizeSection(TrafficModel::SizeColumn,
                          metrics.horizontalAdvance(QStringLiteral("000.0 KiB")) + 16);
    new TailFollower(m_view);

    m_title->setAccessibleName(tr("Traffic filter"));
    m_title->setTextFormat(Qt::PlainText);
    // A long description and filter must not widen the pane: cut, with the
    // whole title in the tooltip.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_all->setAccessibleName(tr("Show all connections"));
    m_all->setToolTip(tr("Show the traffic of every connection, not only the selected one"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_all);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);

    connect(m_all, &QCheckBox::toggled, this, &TrafficPanel::applyFilter);
    connect(m_bar, &TrafficFilterBar::filterChanged, this, &TrafficPanel::applyFilter);
    connect(m_bar->listenerBox(), &QComboBox::currentIndexChanged, this, [this](int index) {
        // A listener's connections are many: the table shows them all.
        if (index > 0)
            m_all->setChecked(true);
    });
    connect(m_bar, &TrafficFilterBar::findRequested, this,
            [this](bool backward) { find(findEdit()->text(), backward); });
    m_bar->setListeners(model->listeners());
    connect(model, &TrafficModel::listenersChanged, this,
            [this] { m_bar->setListeners(m_model->listeners()); });
    for (const auto signal :
         {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_filter, signal, this, &TrafficPanel::updateCount);
        connect(model, signal, this, &TrafficPanel::updateCount);
    }
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, [this] {
        updateCount();
        checkCurrentStillShown();
    });
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        updateCount();
        checkCurrentStillShown();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const CaptureEvent chunk = current.isValid() ? eventAt(current) : CaptureEvent{};
                m_currentSeq = chunk.seq;
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
    auto* copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(copy);
    connect(copy, &QAction::triggered, this, [this] { copySelection(CopyFormat::Text); });
    applyFilter();
}

QLineEdit* TrafficPanel::findEdit() const {
    return m_bar->patternEdit();
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
    // The selected rows' whole payloads, as the hex tab shows them, not the
    // rows' previews.
    QMenu* copy = menu->addMenu(tr("Cop&y as"));
    const auto add = [this, copy](const QString& text, CopyFormat format) {
        return copy->addAction(text, this, [this, format] { copySelection(format); });
    };
    add(tr("&Text"), CopyFormat::Text)->setShortcut(QKeySequence::Copy);
    add(tr("&Hex"), CopyFormat::Hex);
    add(tr("&C array"), CopyFormat::CArray);
    add(tr("&Base64"), CopyFormat::Base64);
}

bool TrafficPanel::copySelection(CopyFormat format) {
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex();
    if (rows.isEmpty())
        return false;
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    qint64 total = 0;
    for (const QModelIndex& row : rows)
        total += eventAt(row).size;
    if (copiedCharsBound(format, total, rows.size()) > kMaxCopyChars) {
        Q_EMIT statusMessage(tr("Not copied: %n chunk(s) of %1 would make more than %2 of text; "
                                "select fewer rows, or export the session (File > Export)",
                                nullptr, int(rows.size()))
                                 .arg(formatBytes(total), formatBytes(kMaxCopyChars)));
        return false;
    }
    QList<QByteArray> payloads;
    payloads.reserve(rows.size());
    int partial = 0;
    for (const QModelIndex& row : rows) {
        const CaptureEvent& chunk = eventAt(row);
        // Evicted or not kept: what the capture still has, or the preview
        // if that is more.
        QByteArray bytes;
        if (std::optional<QByteArray> whole = m_source->fullPayload(chunk)) {
            bytes = std::move(*whole);
        } else {
            bytes = m_source->store().payload(chunk.conn, chunk.seq).value_or(QByteArray());
            if (bytes.size() < chunk.data.size())
                bytes = chunk.data;
        }
        if (bytes.size() < chunk.size)
            ++partial;
        payloads << std::move(bytes);
    }
    QGuiApplication::clipboard()->setText(formatForCopy(payloads, format));
    Q_EMIT statusMessage(
        partial == 0
            ? tr("Copied %n chunk(s)", nullptr, int(rows.size()))
            : tr("Copied %n chunk(s); %1 of them only in part, as the capture did not keep the "
                 "rest",
                 nullptr, int(rows.size()))
                  .arg(partial));
    return true;
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
    m_bar->open();
}

bool TrafficPanel::find(const QString& text, bool backward) {
    const int rows = m_filter->rowCount();
    QString error;
    const std::optional<BytePattern> pattern =
        TrafficFilterBar::parse(text, m_bar->hexBox()->isChecked(), &error);
    if (!pattern || pattern->isEmpty() || rows == 0) {
        m_bar->setFindStatus(pattern && !pattern->isEmpty() ? tr("Not found") : QString());
        return false;
    }
    const int current =
        m_view->currentIndex().isValid() ? m_view->currentIndex().row() : (backward ? rows : -1);
    const int step = backward ? -1 : 1;
    qint64 readBudget = kFindReadBudget;
    bool budgetSpent = false;
    for (int i = 1; i <= rows; ++i) {
        const int row = ((current + step * i) % rows + rows) % rows;
        const QModelIndex hit = m_filter->index(row, TrafficModel::PreviewColumn);
        if (m_filter->matches(eventAt(hit), *pattern, &readBudget, &budgetSpent)) {
            m_view->setCurrentIndex(hit);
            m_view->scrollTo(hit);
            m_bar->setFindStatus({});
            return true;
        }
    }
    m_bar->setFindStatus(!budgetSpent ? tr("Not found")
                                      : tr("Not found in the rows' previews and the first "
                                           "%1 of payload; Follow stream's Find searches a "
                                           "whole connection")
                                            .arg(formatBytes(kFindReadBudget)));
    return false;
}

void TrafficPanel::applyFilter() {
    const bool all = m_all->isChecked() || m_conn == 0;
    TrafficFilterModel::Filter filter;
    filter.conn = all ? 0 : m_conn;
    filter.listener = m_bar->listener();
    filter.dir = m_bar->direction();
    if (std::optional<BytePattern> pattern = m_bar->pattern()) {
        filter.pattern = std::move(*pattern);
        filter.onlyMatching = m_bar->onlyMatching();
    }
    m_filter->setFilter(filter);
    updateTitle();
    updateCount();
}

void TrafficPanel::updateTitle() {
    const bool all = m_all->isChecked() || m_conn == 0;
    const QString shown =
        m_all->isChecked() ? tr("Traffic of all connections")
        : all
            ? tr("Traffic of all connections (select one to see only its own)")
            : tr("Traffic of %1")
                  .arg(m_description.isEmpty() ? tr("connection #%1").arg(m_conn) : m_description);
    const QString narrowing = m_bar->narrowing();
    m_title->setText(narrowing.isEmpty() ? shown : tr("%1: %2").arg(shown, narrowing));
    m_title->setToolTip(m_title->text());
}

void TrafficPanel::updateCount() {
    const QLocale locale;
    QString count =
        tr("%1 of %2 chunks")
            .arg(locale.toString(m_filter->rowCount()), locale.toString(m_model->rowCount()));
    if (m_filter->filter().narrowsToPattern() && m_filter->payloadBudgetSpent()) {
        count = tr("%1; past %2 of payload, rows matched on their first %3 bytes only")
                    .arg(count, formatBytes(TrafficFilterModel::kPayloadReadBudget))
                    .arg(kBatchPreviewBytes);
    }
    m_bar->setCount(count);
}

void TrafficPanel::dropCurrentIn(int firstSourceRow, int lastSourceRow) {
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int row = m_filter->mapToSource(current).row();
    if (row >= firstSourceRow && row <= lastSourceRow)
        m_view->selectionModel()->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
}

void TrafficPanel::checkCurrentStillShown() {
    if (m_currentSeq == 0 || m_view->currentIndex().isValid())
        return;
    m_currentSeq = 0;
    Q_EMIT currentChunkChanged({});
}

const CaptureEvent& TrafficPanel::eventAt(const QModelIndex& proxyIndex) const {
    return m_model->eventAt(m_filter->mapToSource(proxyIndex).row());
}

} // namespace sockscope
