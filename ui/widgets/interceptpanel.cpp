#include "interceptpanel.h"

#include "engine/engine.h"
#include "framingpicker.h"
#include "models/connectionsmodel.h"
#include "models/heldmessagesmodel.h"
#include "payloadeditdialog.h"
#include "sessionsource.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace sockscope {

InterceptPanel::InterceptPanel(const SessionSource* source, QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_model(new HeldMessagesModel(this))
    , m_title(new QLabel(this))
    , m_holdUp(new QCheckBox(tr("Hold client → server"), this))
    , m_holdDown(new QCheckBox(tr("Hold server → client"), this))
    , m_framing(new FramingPicker(this))
    , m_table(new QTableView(this))
    , m_release(new QPushButton(tr("&Release"), this))
    , m_releaseAll(new QPushButton(tr("Release &all"), this))
    , m_drop(new QPushButton(tr("&Drop"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_inject(new QPushButton(tr("&Inject"), this)) {
    m_title->setWordWrap(true);
    m_holdUp->setObjectName(QStringLiteral("holdUp"));
    m_holdDown->setObjectName(QStringLiteral("holdDown"));
    m_holdUp->setToolTip(tr("Hold what the client sends, message by message, until you release "
                            "it; later bytes wait behind it"));
    m_holdDown->setToolTip(tr("Hold what the server sends, message by message, until you "
                              "release it; later bytes wait behind it"));
    m_framing->setToolTip(tr("How held bytes are cut into messages; chosen when holding starts"));
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Held messages"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(HeldMessagesModel::NumberColumn,
                            metrics.horizontalAdvance(tr("000 (edited)")) + 12);
    m_table->setColumnWidth(HeldMessagesModel::DirectionColumn,
                            metrics.horizontalAdvance(tr("server → client")) + 16);
    m_table->setColumnWidth(HeldMessagesModel::SizeColumn,
                            metrics.horizontalAdvance(QStringLiteral("1,023 bytes")) + 12);
    m_release->setToolTip(tr("Let the selected message go; it leaves once everything before it "
                             "has"));
    m_drop->setToolTip(tr("Never send the selected message"));
    m_edit->setToolTip(tr("Change the selected message before it goes, as text or hex; a "
                          "length prefix is rewritten to fit"));
    m_inject->setToolTip(tr("Send a new message to the server or the client, framed, behind "
                            "what is held that way"));
    auto* injectMenu = new QMenu(m_inject);
    injectMenu->addAction(tr("To the &server…"), this, [this] { inject(m_client); });
    injectMenu->addAction(tr("To the &client…"), this, [this] { inject(m_upstream); });
    m_inject->setMenu(injectMenu);

    // Rows that stay narrow: the tab shares the window with the tree at
    // 1024 pixels wide.
    auto* holdRow = new QHBoxLayout;
    holdRow->addWidget(m_holdUp);
    holdRow->addWidget(m_holdDown);
    holdRow->addStretch(1);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {m_release, m_releaseAll, m_drop, m_edit, m_inject})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addLayout(holdRow);
    layout->addWidget(m_framing);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_holdUp, &QCheckBox::toggled, this, [this](bool on) { setHolding(m_client, on); });
    connect(m_holdDown, &QCheckBox::toggled, this, [this](bool on) { setHolding(m_upstream, on); });
    connect(m_release, &QPushButton::clicked, this, [this] {
        if (const int row = selectedRow(); row >= 0) {
            const HeldMessagesModel::Held& held = m_model->heldAt(row);
            send(InterceptCommand::Kind::Release, held.conn, held.message);
        }
    });
    connect(m_drop, &QPushButton::clicked, this, [this] {
        if (const int row = selectedRow(); row >= 0) {
            const HeldMessagesModel::Held& held = m_model->heldAt(row);
            send(InterceptCommand::Kind::Drop, held.conn, held.message);
        }
    });
    connect(m_releaseAll, &QPushButton::clicked, this, [this] {
        send(InterceptCommand::Kind::ReleaseAll, m_client);
        send(InterceptCommand::Kind::ReleaseAll, m_upstream);
    });
    connect(m_edit, &QPushButton::clicked, this, &InterceptPanel::editSelected);
    connect(m_table, &QTableView::doubleClicked, this, &InterceptPanel::editSelected);
    connect(m_model, &HeldMessagesModel::holdingChanged, this, &InterceptPanel::updateControls);
    // The list is rebuilt as messages come and go; the person's selection
    // stays on the same message.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const int row = selectedRow();
        m_selected = row < 0 ? std::pair{0, 0}
                             : std::pair{m_model->heldAt(row).conn, m_model->heldAt(row).message};
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const HeldMessagesModel::Held& held = m_model->heldAt(row);
            if (std::pair{held.conn, held.message} == m_selected) {
                m_table->selectRow(row);
                break;
            }
        }
        updateControls();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InterceptPanel::updateControls);
    updateControls();
}

void InterceptPanel::showRow(const QModelIndex& row) {
    const int conn = row.data(ConnectionsModel::IdRole).toInt();
    const int pair = row.data(ConnectionsModel::PairRole).toInt();
    const auto kind = ConnectionsModel::RowKind(row.data(ConnectionsModel::RowKindRole).toInt());
    // The accepted leg is the client's; the leg SockScope opened, the upstream.
    const bool accepted = kind == ConnectionsModel::RowKind::Accepted;
    m_client = pair == 0 ? 0 : accepted ? conn : pair;
    m_upstream = pair == 0 ? 0 : accepted ? pair : conn;
    m_model->setPair(m_client, m_upstream);
    updateControls();
}

void InterceptPanel::appendBatch(const EventBatch& events) {
    m_model->applyBatch(events);
}

void InterceptPanel::send(InterceptCommand::Kind kind, int conn, int message,
                          const QByteArray& payload) {
    Engine* engine = m_source->engine();
    if (!engine || conn == 0)
        return;
    InterceptCommand command;
    command.kind = kind;
    command.conn = conn;
    command.message = message;
    command.payload = payload;
    command.framing = m_framing->rule();
    engine->intercept(command);
}

void InterceptPanel::setHolding(int conn, bool hold) {
    send(hold ? InterceptCommand::Kind::Hold : InterceptCommand::Kind::StopHolding, conn);
}

void InterceptPanel::editSelected() {
    const int row = selectedRow();
    if (row < 0 || !m_source->engine())
        return;
    // Copied: the row may be released while the dialog is open (the
    // engine then refuses the edit, and the log says so).
    const HeldMessagesModel::Held held = m_model->heldAt(row);
    PayloadEditDialog dialog(tr("Edit message %1").arg(held.message), held.payload, this);
    if (dialog.exec() == QDialog::Accepted)
        send(InterceptCommand::Kind::Edit, held.conn, held.message, dialog.payload());
}

void InterceptPanel::inject(int conn) {
    const QString title = conn == m_client ? tr("Inject a message to the server")
                                           : tr("Inject a message to the client");
    PayloadEditDialog dialog(title, {}, this);
    if (dialog.exec() == QDialog::Accepted)
        send(InterceptCommand::Kind::Inject, conn, 0, dialog.payload());
}

int InterceptPanel::selectedRow() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void InterceptPanel::updateControls() {
    const bool pair = m_client != 0;
    const bool live = pair && m_source->engine();
    if (!pair) {
        m_title->setText(tr("Select a relay connection. A listener that forwards (Listen… → "
                            "Forward to…) makes a pair for each client; here you hold its "
                            "messages, edit, drop or inject them."));
    } else {
        m_title->setText(live ? tr("Relay pair #%1 (client's leg) ↔ #%2 (upstream leg)")
                                    .arg(m_client)
                                    .arg(m_upstream)
                              : tr("Relay pair #%1 ↔ #%2, in a saved session: nothing can be "
                                   "held.")
                                    .arg(m_client)
                                    .arg(m_upstream));
    }
    {
        const QSignalBlocker up(m_holdUp);
        const QSignalBlocker down(m_holdDown);
        m_holdUp->setChecked(pair && m_model->isHolding(m_client));
        m_holdDown->setChecked(pair && m_model->isHolding(m_upstream));
    }
    const bool holding = m_holdUp->isChecked() || m_holdDown->isChecked();
    // The framing applies when holding starts.
    m_framing->setEnabled(live && !holding);
    for (QWidget* w : std::initializer_list<QWidget*>{m_holdUp, m_holdDown, m_inject})
        w->setEnabled(live);
    const bool selected = live && selectedRow() >= 0;
    m_release->setEnabled(selected);
    m_drop->setEnabled(selected);
    m_edit->setEnabled(selected);
    m_releaseAll->setEnabled(live && m_model->rowCount() > 0);
}

} // namespace sockscope
