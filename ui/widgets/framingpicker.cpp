#include "framingpicker.h"

#include "base/payloadtext.h"
#include "formhelpers.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace sockscope {

namespace {
struct PrefixChoice {
    int bytes;
    bool bigEndian;
};
constexpr PrefixChoice kPrefixChoices[] = {{1, true}, {2, true}, {4, true}, {2, false}, {4, false}};
} // namespace

FramingPicker::FramingPicker(QWidget* parent)
    : QWidget(parent) {
    m_framing = new QComboBox(this);
    m_framing->setAccessibleName(tr("Framing"));
    m_framing->setToolTip(tr("How to cut the byte stream into messages"));
    m_framing->addItem(tr("Chunks as read"), Chunks);
    m_framing->addItem(tr("Lines (\\n)"), Lines);
    m_framing->addItem(tr("Delimiter"), Delimiter);
    m_framing->addItem(tr("Length prefix"), LengthPrefix);
    m_framing->setCurrentIndex(Lines);

    m_delimiter = new QLineEdit(QStringLiteral("\\r\\n"), this);
    m_delimiter->setAccessibleName(tr("Delimiter"));
    m_delimiter->setToolTip(tr("The bytes that end a message, as text with the escapes the "
                               "views show: \\n \\r \\t \\0 \\\\ \\xHH \\u{hhhh}"));
    m_delimiter->setObjectName(QStringLiteral("delimiter"));
    m_delimiterError = makeErrorLabel(this);
    m_delimiterError->setObjectName(QStringLiteral("delimiterError"));
    m_delimiterError->setWordWrap(false); // one line in the row of controls
    m_prefix = new QComboBox(this);
    m_prefix->setAccessibleName(tr("Length prefix"));
    m_prefix->setToolTip(tr("Size and byte order of the length before each message"));
    for (const PrefixChoice& choice : kPrefixChoices) {
        m_prefix->addItem(choice.bytes == 1  ? tr("1 byte")
                          : choice.bigEndian ? tr("%1 bytes, big-endian").arg(choice.bytes)
                                             : tr("%1 bytes, little-endian").arg(choice.bytes));
    }
    m_prefix->setCurrentIndex(2);

    auto* label = new QLabel(tr("&Framing:"), this);
    label->setBuddy(m_framing);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_framing);
    layout->addWidget(m_delimiter);
    layout->addWidget(m_delimiterError, 1);
    layout->addWidget(m_prefix);
    layout->addStretch(1);

    connect(m_framing, &QComboBox::currentIndexChanged, this, &FramingPicker::update);
    connect(m_prefix, &QComboBox::currentIndexChanged, this, &FramingPicker::update);
    connect(m_delimiter, &QLineEdit::textChanged, this, &FramingPicker::update);
    update();
}

std::optional<FramingRule> FramingPicker::rule(QString* error) const {
    FramingRule rule;
    QString problem;
    switch (Framing(m_framing->currentData().toInt())) {
    case Chunks:
        return std::nullopt;
    case Lines:
        rule.mode = FramingRule::Mode::Line;
        break;
    case Delimiter:
        rule.mode = FramingRule::Mode::Delimiter;
        rule.delimiter = unescapeText(m_delimiter->text(), &problem);
        if (error)
            *error = problem;
        if (rule.delimiter.isEmpty())
            return std::nullopt;
        break;
    case LengthPrefix:
        rule.mode = FramingRule::Mode::LengthPrefix;
        rule.prefixBytes = kPrefixChoices[m_prefix->currentIndex()].bytes;
        rule.bigEndian = kPrefixChoices[m_prefix->currentIndex()].bigEndian;
        break;
    }
    return rule;
}

void FramingPicker::update() {
    const Framing framing = Framing(m_framing->currentData().toInt());
    m_delimiter->setVisible(framing == Delimiter);
    m_prefix->setVisible(framing == LengthPrefix);
    QString error;
    rule(&error);
    showError(m_delimiterError, error);
    Q_EMIT changed();
}

} // namespace sockscope
