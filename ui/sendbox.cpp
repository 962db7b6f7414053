#include "sendbox.h"

#include "capture/payloadtext.h"
#include "formhelpers.h"
#include "models/byteformat.h"
#include "models/connectionsmodel.h"
#include "uilog.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace sockscope {

namespace {
// Files bigger than this are refused rather than loaded whole into memory
// for one send; the capture would drop most of it anyway.
constexpr qint64 kMaxFileBytes = 256ll * 1024 * 1024;

QPlainTextEdit* makeInput(QWidget* parent, const QString& name, const QString& placeholder) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setAccessibleName(name);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    const int lines = 3;
    edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * lines + 12);
    return edit;
}
} // namespace

SendBox::SendBox(const ConnectionsModel* connections, QWidget* parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_target(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_lineEnding(new QComboBox(this))
    , m_inputs(new QStackedWidget(this))
    , m_text(makeInput(this, tr("Text to send"), tr("Text to send (Ctrl+Return sends)")))
    , m_hex(makeInput(this, tr("Hex to send"), tr("Hex bytes, e.g. 48 65 6c 6c 6f 0d 0a")))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_error(makeErrorLabel(this))
    , m_hint(new QLabel(tr("Select an open connection to send data."), this))
    , m_send(new QPushButton(QIcon(QStringLiteral(":/icons/send.svg")), tr("&Send"), this))
    , m_halfClose(
          new QPushButton(QIcon(QStringLiteral(":/icons/half-close.svg")), tr("&Half-close"), this))
    , m_close(new QPushButton(QIcon(QStringLiteral(":/icons/close.svg")), tr("Cl&ose"), this)) {
    setAccessibleName(tr("Send box"));
    m_target->setAccessibleName(tr("Send target"));
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wrapping and no minimum width of its own, so that a long address or
    // state never widens the pane and moves the splitter under the user's eyes.
    m_target->setWordWrap(true);
    m_target->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_mode->addItem(tr("Text"), int(Mode::Text));
    m_mode->addItem(tr("Hex"), int(Mode::Hex));
    m_mode->addItem(tr("File"), int(Mode::File));
    m_mode->setAccessibleName(tr("Send mode"));
    m_mode->setToolTip(tr("What to send: typed text, hex bytes or a file's contents"));

    m_lineEnding->addItem(tr("No line ending"), int(LineEnding::None));
    m_lineEnding->addItem(tr("LF (\\n)"), int(LineEnding::Lf));
    m_lineEnding->addItem(tr("CR LF (\\r\\n)"), int(LineEnding::CrLf));
    m_lineEnding->setCurrentIndex(int(LineEnding::Lf));
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_lineEnding->setToolTip(tr("Appended to the text; line breaks inside the text are sent as "
                                "this ending too"));

    m_file->setAccessibleName(tr("File to send"));
    m_file->setPlaceholderText(tr("File whose bytes are sent"));
    m_browse->setAccessibleName(tr("Browse for file to send"));
    auto* filePage = new QWidget(this);
    auto* fileRow = new QHBoxLayout(filePage);
    fileRow->setContentsMargins(0, 0, 0, 0);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    fileRow->setAlignment(Qt::AlignTop);
    m_inputs->addWidget(m_text);
    m_inputs->addWidget(m_hex);
    m_inputs->addWidget(filePage);

    m_hint->setAccessibleName(tr("Send hint"));
    m_hint->setEnabled(false);
    m_hint->setWordWrap(true);
    m_hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_send->setToolTip(tr("Send to the selected connection (Ctrl+Return)"));
    m_send->setAccessibleName(tr("Send"));
    m_halfClose->setToolTip(tr("Shut down our sending side (FIN); we can still receive"));
    m_halfClose->setAccessibleName(tr("Half-close"));
    m_close->setToolTip(tr("Close the connection gracefully"));
    m_close->setAccessibleName(tr("Close connection"));

    auto* header = new QHBoxLayout;
    header->addWidget(m_target, 1);
    header->addWidget(m_mode);
    header->addWidget(m_lineEnding);
    auto* buttons = new QHBoxLayout;
    // The hint takes the free width while shown; the spacer while it is hidden.
    buttons->addWidget(m_hint, 1);
    buttons->addStretch(0);
    buttons->addWidget(m_halfClose);
    buttons->addWidget(m_close);
    buttons->addWidget(m_send);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->addLayout(header);
    layout->addWidget(m_inputs, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this] { setMode(Mode(m_mode->currentData().toInt())); });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("File to send"), m_file->text());
        if (!path.isEmpty())
            m_file->setText(path);
    });
    connect(m_send, &QPushButton::clicked, this, &SendBox::send);
    connect(m_file, &QLineEdit::returnPressed, this, &SendBox::send);
    placeInTabOrderAfter(m_text);
    connect(m_halfClose, &QPushButton::clicked, this, &SendBox::requestHalfClose);
    connect(m_close, &QPushButton::clicked, this, &SendBox::requestClose);
    for (const QKeySequence& keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &SendBox::send);
    }
    // The selected connection can close or half-close at any moment.
    connect(connections, &QAbstractItemModel::dataChanged, this, &SendBox::refresh);
    connect(connections, &QAbstractItemModel::rowsInserted, this, &SendBox::refresh);
    connect(connections, &QAbstractItemModel::rowsRemoved, this, &SendBox::refresh);
    connect(connections, &QAbstractItemModel::modelReset, this, &SendBox::refresh);

    setMode(Mode::Text);
    refresh();
}

void SendBox::setConnection(int conn) {
    if (conn != m_conn)
        showError(m_error, {});
    m_conn = conn;
    refresh();
}

bool SendBox::canSend() const {
    const QModelIndex row = m_connections->indexOfConnection(m_conn);
    // After our own half-close the write side is shut: only the peer may talk.
    return row.isValid() && m_connections->isOpenConnection(row) &&
           ConnectionsModel::State(row.data(ConnectionsModel::StateRole).toInt()) !=
               ConnectionsModel::State::HalfClosedByUs;
}

bool SendBox::canHalfClose() const {
    // A connect in progress has no sending side to shut down yet.
    return canSend();
}

bool SendBox::canClose() const {
    const QModelIndex row = m_connections->indexOfConnection(m_conn);
    return row.isValid() &&
           (m_connections->isOpenConnection(row) ||
            ConnectionsModel::State(row.data(ConnectionsModel::StateRole).toInt()) ==
                ConnectionsModel::State::Connecting);
}

void SendBox::requestHalfClose() {
    if (canHalfClose())
        Q_EMIT halfCloseRequested(m_conn);
}

void SendBox::requestClose() {
    if (canClose())
        Q_EMIT closeRequested(m_conn);
}

void SendBox::setMode(Mode mode) {
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
    m_inputs->setCurrentIndex(int(mode));
    m_lineEnding->setVisible(mode == Mode::Text);
    showError(m_error, {});
}

void SendBox::setLineEnding(LineEnding ending) {
    m_lineEnding->setCurrentIndex(m_lineEnding->findData(int(ending)));
}

void SendBox::placeInTabOrderAfter(QWidget* previous) {
    // What you type first, then how it is sent, then the buttons left to
    // right as they are shown. (setTabOrder ignores the box itself: it
    // takes no focus.)
    const std::initializer_list<QWidget*> order{previous, m_text, m_hex,        m_file,
                                                m_browse, m_mode, m_lineEnding, m_halfClose,
                                                m_close,  m_send};
    for (auto it = order.begin(); it + 1 != order.end(); ++it) {
        if (*it != *(it + 1))
            setTabOrder(*it, *(it + 1));
    }
}

void SendBox::focusInput() {
    QWidget* page = m_inputs->currentWidget();
    (page == m_text || page == m_hex ? page : m_file)->setFocus();
}

bool SendBox::send() {
    if (!canSend())
        return false;
    QString error;
    const auto bytes = payload(&error);
    showError(m_error, error);
    if (!bytes)
        return false;
    qCInfo(lcUi) << "send to connection" << m_conn << bytes->size() << "bytes";
    // The bytes themselves only at debug level: they may be passwords.
    qCDebug(lcUi).noquote() << "payload:" << escapedPreview(*bytes, 200);
    Q_EMIT sendRequested(m_conn, *bytes);
    // Kept and selected, so that Ctrl+Return resends and typing replaces.
    if (auto* edit = qobject_cast<QPlainTextEdit*>(m_inputs->currentWidget()))
        edit->selectAll();
    return true;
}

std::optional<QByteArray> SendBox::payload(QString* error) const {
    switch (Mode(m_mode->currentData().toInt())) {
    case Mode::Text: {
        static const QByteArray endings[] = {"", "\n", "\r\n"};
        const QByteArray& ending = endings[m_lineEnding->currentData().toInt()];
        QByteArray bytes = m_text->toPlainText().toUtf8();
        if (!ending.isEmpty())
            bytes.replace('\n', ending);
        bytes += ending;
        if (bytes.isEmpty()) {
            *error = tr("Nothing to send: type some text or choose a line ending.");
            return std::nullopt;
        }
        return bytes;
    }
    case Mode::Hex: {
        auto bytes = parseHexInput(m_hex->toPlainText(), error);
        if (bytes && bytes->isEmpty()) {
            *error = tr("Nothing to send: type some hex bytes.");
            return std::nullopt;
        }
        return bytes;
    }
    case Mode::File: {
        QFile file(m_file->text());
        if (m_file->text().isEmpty()) {
            *error = tr("Choose a file to send.");
            return std::nullopt;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read '%1': %2").arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        if (file.size() > kMaxFileBytes) {
            *error =
                tr("'%1' is %2; files up to %3 can be sent.")
                    .arg(file.fileName(), formatBytes(file.size()), formatBytes(kMaxFileBytes));
            return std::nullopt;
        }
        return file.readAll();
    }
    }
    return std::nullopt;
}

void SendBox::refresh() {
    const QModelIndex row = m_conn ? m_connections->indexOfConnection(m_conn) : QModelIndex();
    const bool open = row.isValid() && m_connections->isOpenConnection(row);
    const auto state = ConnectionsModel::State(row.data(ConnectionsModel::StateRole).toInt());
    const bool connecting = row.isValid() && state == ConnectionsModel::State::Connecting;

    if (!row.isValid()) {
        m_target->setText(tr("No connection selected"));
    } else {
        const QString peer = row.siblingAtColumn(ConnectionsModel::PeerColumn).data().toString();
        const QString local = row.siblingAtColumn(ConnectionsModel::LocalColumn).data().toString();
        m_target->setText(tr("To <b>%1</b> from %2 · %3")
                              .arg(peer.toHtmlEscaped(), local.toHtmlEscaped(),
                                   row.siblingAtColumn(ConnectionsModel::StateColumn)
                                       .data()
                                       .toString()
                                       .toHtmlEscaped()));
    }
    const bool writable = canSend();
    m_hint->setText(!row.isValid() ? tr("Select an open connection to send data.")
                    : connecting   ? tr("Still connecting…")
                    : writable     ? QString()
                    : open         ? tr("We half-closed this connection: only the peer can send.")
                                   : tr("This connection is closed."));
    m_hint->setVisible(!writable);
    m_inputs->setEnabled(writable);
    m_mode->setEnabled(writable);
    m_lineEnding->setEnabled(writable);
    m_send->setEnabled(writable);
    m_halfClose->setEnabled(canHalfClose());
    m_close->setEnabled(canClose());
    m_close->setText(connecting ? tr("Cancel") : tr("Cl&ose"));
    Q_EMIT availabilityChanged();
}

} // namespace sockscope
