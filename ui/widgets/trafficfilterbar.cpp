#include "trafficfilterbar.h"

#include "base/payloadtext.h"
#include "formhelpers.h"
#include "trafficfiltermodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sockscope {

TrafficFilterBar::TrafficFilterBar(QWidget* parent)
    : QWidget(parent)
    , m_pattern(new QLineEdit(this))
    , m_hex(new QCheckBox(tr("He&x"), this))
    , m_only(new QCheckBox(tr("&Only matching rows"), this))
    , m_direction(new QComboBox(this))
    , m_listener(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_error(makeErrorLabel(this))
    , m_findStatus(new QLabel(this))
    , m_typing(new QTimer(this)) {
    setAccessibleName(tr("Find and filter traffic"));
    m_pattern->setAccessibleName(tr("Find in traffic"));
    m_pattern->setObjectName(QStringLiteral("pattern"));
    m_pattern->setPlaceholderText(tr("Find or filter the traffic (Enter: next, Shift+Enter: "
                                     "previous)"));
    m_pattern->setToolTip(tr("Text as the Data column shows it (\\r \\n \\t \\\\ \\0 \\xHH "
                             "\\u{hhhh}; letters in either case), or with Hex checked bytes such "
                             "as de ad be ef"));
    m_pattern->setClearButtonEnabled(true);
    m_hex->setAccessibleName(tr("Find hex bytes"));
    m_hex->setToolTip(tr("Read the pattern as hex bytes: de ad be ef, deadbeef, de:ad:be:ef"));
    m_only->setAccessibleName(tr("Show only matching rows"));
    m_only->setToolTip(tr("Hide the rows whose payload does not hold the pattern"));
    m_only->setChecked(true);
    m_direction->setAccessibleName(tr("Direction"));
    m_direction->setToolTip(tr("Show the chunks of one direction only"));
    m_direction->addItem(tr("In and out"), int(Direction::None));
    m_direction->addItem(tr("← Received only"), int(Direction::In));
    m_direction->addItem(tr("→ Sent only"), int(Direction::Out));
    m_listener->setAccessibleName(tr("Listener"));
    m_listener->setToolTip(tr("Show the traffic of one listener's connections, or of the "
                              "outgoing clients"));
    // The list shows each listener's whole address; the box stays narrow.
    m_listener->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_listener->setMinimumContentsLength(16);
    setListeners({});
    m_count->setAccessibleName(tr("Rows shown"));
    m_count->setTextFormat(Qt::PlainText);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // The count and the error can be long (the payload bound's note, a
    // pasted pattern): they wrap rather than hold the window wider than
    // the screen.
    m_count->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Find error"));
    m_error->setObjectName(QStringLiteral("patternError"));
    m_findStatus->setAccessibleName(tr("Find status"));
    m_findStatus->setTextFormat(Qt::PlainText);
    m_findStatus->setWordWrap(true);
    auto* close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close the bar and show every row again (Escape)"));
    close->setAccessibleName(tr("Close find bar"));

    // Two rows, so that the bar fits the traffic pane at 1024 pixels.
    auto* top = new QHBoxLayout;
    top->addWidget(m_pattern, 1);
    top->addWidget(m_hex);
    top->addWidget(m_only);
    top->addWidget(close);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_direction);
    bottom->addWidget(m_listener);
    bottom->addWidget(m_error, 1);
    bottom->addWidget(m_findStatus, 1);
    bottom->addWidget(m_count, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addLayout(bottom);

    m_typing->setSingleShot(true);
    m_typing->setInterval(kTypingPauseMs);
    connect(m_typing, &QTimer::timeout, this, &TrafficFilterBar::applyNow);
    connect(m_pattern, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_pattern, &QLineEdit::textChanged, m_findStatus, &QLabel::clear);
    connect(m_pattern, &QLineEdit::returnPressed, this, [this] {
        if (m_typing->isActive())
            applyNow();
        Q_EMIT findRequested(QGuiApplication::keyboardModifiers().testFlag(Qt::ShiftModifier));
    });
    for (QCheckBox* box : {m_hex, m_only})
        connect(box, &QCheckBox::toggled, this, &TrafficFilterBar::applyNow);
    for (QComboBox* box : {m_direction, m_listener}) {
        connect(box, &QComboBox::currentIndexChanged, this, &TrafficFilterBar::filterChanged);
    }
    connect(close, &QToolButton::clicked, this, &TrafficFilterBar::dismiss);
    hide();
}

void TrafficFilterBar::open() {
    show();
    m_pattern->setFocus(Qt::ShortcutFocusReason);
    m_pattern->selectAll();
}

void TrafficFilterBar::dismiss() {
    hide();
    const QSignalBlocker blockers[] = {QSignalBlocker(m_pattern), QSignalBlocker(m_direction),
                                       QSignalBlocker(m_listener)};
    m_typing->stop();
    m_pattern->clear();
    m_direction->setCurrentIndex(0);
    m_listener->setCurrentIndex(0);
    showError(m_error, {});
    m_findStatus->clear();
    Q_EMIT filterChanged();
}

std::optional<BytePattern> TrafficFilterBar::parse(const QString& text, bool hex, QString* error) {
    if (hex) {
        std::optional<QByteArray> bytes = parseHexInput(text, error);
        if (!bytes) {
            *error = tr("Not hex: %1").arg(*error);
            return std::nullopt;
        }
        return BytePattern(std::move(*bytes), false);
    }
    QByteArray bytes = unescapeText(text, error);
    if (!error->isEmpty())
        return std::nullopt;
    return BytePattern(std::move(bytes), true);
}

std::optional<BytePattern> TrafficFilterBar::pattern() {
    QString error;
    std::optional<BytePattern> parsed = parse(m_pattern->text(), m_hex->isChecked(), &error);
    showError(m_error, error);
    return parsed;
}

bool TrafficFilterBar::onlyMatching() const {
    return m_only->isChecked();
}

Direction TrafficFilterBar::direction() const {
    return Direction(m_direction->currentData().toInt());
}

int TrafficFilterBar::listener() const {
    return m_listener->currentData().toInt();
}

QString TrafficFilterBar::narrowing() const {
    QStringList parts;
    if (m_listener->currentIndex() > 0)
        parts << m_listener->currentText();
    if (direction() == Direction::In)
        parts << tr("received only");
    else if (direction() == Direction::Out)
        parts << tr("sent only");
    if (onlyMatching() && !m_pattern->text().isEmpty() && m_error->text().isEmpty()) {
        parts << (m_hex->isChecked() ? tr("holding bytes %1") : tr("holding “%1”"))
                     .arg(m_pattern->text());
    }
    return parts.join(tr(", "));
}

void TrafficFilterBar::setListeners(const QList<TrafficModel::Listener>& listeners) {
    const int current = listener();
    const QSignalBlocker blocker(m_listener);
    m_listener->clear();
    m_listener->addItem(tr("Any listener"), 0);
    m_listener->addItem(tr("Outgoing clients"), TrafficFilterModel::kOutgoingClients);
    for (const TrafficModel::Listener& l : listeners) {
        m_listener->addItem(tr("Listener #%1 on %2").arg(l.id).arg(l.local.toString()), l.id);
    }
    const int index = m_listener->findData(current);
    m_listener->setCurrentIndex(index < 0 ? 0 : index);
    if (index < 0 && current != 0)
        Q_EMIT filterChanged(); // the listener it narrowed to is gone
}

void TrafficFilterBar::setCount(const QString& text) {
    m_count->setText(text);
}

void TrafficFilterBar::setFindStatus(const QString& text) {
    m_findStatus->setText(text);
}

void TrafficFilterBar::keyPressEvent(QKeyEvent* event) {
    // Escape from any of the bar's fields, which leave it to their parent.
    if (event->key() == Qt::Key_Escape) {
        dismiss();
        return;
    }
    QWidget::keyPressEvent(event);
}

void TrafficFilterBar::applyNow() {
    m_typing->stop();
    Q_EMIT filterChanged();
}

} // namespace sockscope
