#include "ChannelsPage.h"

#include "channels/SendCommands.h"
#include "common/WorkerQuery.h"
#include "domain/ServiceConfigSchema.h"
#include "runtime/Runtime.h"
#include "storage/ExternalServiceRepository.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace sb {

namespace {

const QString errorColor = QStringLiteral("#d93f3f");

QList<ServiceProvider> registryProviders()
{
    return {ServiceProvider::Twilio, ServiceProvider::Nexmo, ServiceProvider::AwsSns,
        ServiceProvider::SendGrid, ServiceProvider::Mailgun, ServiceProvider::AwsSes,
        ServiceProvider::Firebase, ServiceProvider::OneSignal, ServiceProvider::Slack, ServiceProvider::Teams,
        ServiceProvider::Discord};
}

QString typeTitle(ServiceType type)
{
    switch (type) {
    case ServiceType::Sms:
        return ChannelsPage::tr("SMS");
    case ServiceType::Email:
        return ChannelsPage::tr("Email");
    case ServiceType::Push:
        return ChannelsPage::tr("Push");
    case ServiceType::Chat:
        return ChannelsPage::tr("Chat");
    }
    return {};
}

QString placeholderFor(const ServiceConfigKey &key)
{
    switch (key.format) {
    case ConfigFormat::E164:
        return QStringLiteral("+14155550100");
    case ConfigFormat::SmsSender:
        return QStringLiteral("+14155550100 or Acme");
    case ConfigFormat::SenderId:
        return QStringLiteral("Acme");
    case ConfigFormat::Email:
        return QStringLiteral("sales@example.com");
    case ConfigFormat::Hostname:
        return QStringLiteral("mg.example.com");
    case ConfigFormat::TwilioAccountSid:
        return QStringLiteral("AC…");
    case ConfigFormat::TwilioMessagingServiceSid:
        return QStringLiteral("MG…");
    case ConfigFormat::Uuid:
        return QStringLiteral("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    case ConfigFormat::HttpUrl:
        return key.name == QLatin1String("base_url") ? ChannelsPage::tr("default: the provider's public API")
                                                     : QStringLiteral("https://…");
    case ConfigFormat::AwsRegion:
        return QStringLiteral("us-east-1");
    case ConfigFormat::PemPrivateKey:
        return ChannelsPage::tr("-----BEGIN PRIVATE KEY-----\\n… (\\n line breaks accepted)");
    case ConfigFormat::PositiveNumber:
        return ChannelsPage::tr("e.g. 1");
    case ConfigFormat::ServiceId:
        return ChannelsPage::tr("optional: the id of an email service (failed SMS go by email)");
    case ConfigFormat::Text:
        break;
    }
    return key.required ? QString() : ChannelsPage::tr("optional");
}

QString answerText(const QJsonObject &answer)
{
    const auto status = answer.value(QStringLiteral("status_code"));
    const auto code
        = status.isDouble() ? QStringLiteral("HTTP %1").arg(status.toInt()) : ChannelsPage::tr("no answer");
    const auto took
        = ChannelsPage::tr("%1 ms").arg(answer.value(QStringLiteral("response_time")).toInteger());
    if (answer.value(QStringLiteral("success")).toBool()) {
        QString text = ChannelsPage::tr("Accepted by the provider (%1, %2): %3")
                           .arg(code, took, answer.value(QStringLiteral("provider_message_id")).toString());
        const auto providerStatus = answer.value(QStringLiteral("provider_status")).toString();
        if (!providerStatus.isEmpty())
            text += QStringLiteral(" · ") + providerStatus;
        return text;
    }
    QString error = answer.value(QStringLiteral("error")).toString();
    const auto errorCode = answer.value(QStringLiteral("error_code")).toString();
    if (!errorCode.isEmpty())
        error = errorCode + QStringLiteral(": ") + error;
    return ChannelsPage::tr("Refused (%1, %2): %3").arg(code, took, error);
}

} // namespace

ChannelsPage::ChannelsPage(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    auto *intro
        = new QLabel(tr("Services that send SMS, email, push and chat messages. The reply composer and "
                        "the send APIs use the first active service of a channel unless one is "
                        "chosen."),
            this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("channelServices"));
    m_list->setHeaderLabels({tr("Name"), tr("Type"), tr("Provider"), tr("Active")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_add = new QPushButton(tr("Add service"), this);
    m_add->setObjectName(QStringLiteral("addChannelService"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteChannelService"));
    m_delete->setEnabled(false);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_delete);
    listButtons->addStretch(1);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(listButtons);

    // The form.
    m_formTitle = new QLabel(this);
    auto titleFont = m_formTitle->font();
    titleFont.setBold(true);
    m_formTitle->setFont(titleFont);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("channelName"));
    m_name->setPlaceholderText(tr("e.g. Sales SMS"));
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("channelProvider"));
    for (const auto provider : registryProviders())
        m_provider->addItem(QStringLiteral("%1 — %2").arg(serviceProviderTitle(provider),
                                typeTitle(serviceTypeOf(provider).value_or(ServiceType::Sms))),
            serviceProviderName(provider));
    m_active = new QCheckBox(tr("Active"), this);
    m_active->setChecked(true);
    m_description = new QLineEdit(this);
    m_description->setPlaceholderText(tr("optional"));
    auto *general = new QFormLayout;
    general->addRow(tr("Name"), m_name);
    general->addRow(tr("Provider"), m_provider);
    general->addRow(tr("Description"), m_description);
    general->addRow(QString(), m_active);
    m_configBox = new QGroupBox(tr("Configuration"), this);
    m_configForm = new QFormLayout(m_configBox);
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("channelProblems"));
    m_problems->setWordWrap(true);
    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(QStringLiteral("saveChannelService"));
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_problems, 1);
    saveRow->addWidget(m_save, 0, Qt::AlignTop);

    auto *testBox = new QGroupBox(tr("Test send"), this);
    m_testTo = new QLineEdit(testBox);
    m_testTo->setObjectName(QStringLiteral("channelTestRecipient"));
    m_testTo->setPlaceholderText(tr("recipient: +14155550100 or name@example.com"));
    m_testText = new QLineEdit(tr("Test message from Switchboard"), testBox);
    m_testText->setObjectName(QStringLiteral("channelTestText"));
    m_test = new QPushButton(tr("Send test"), testBox);
    m_test->setObjectName(QStringLiteral("channelTestSend"));
    m_testAnswer = new QLabel(testBox);
    m_testAnswer->setObjectName(QStringLiteral("channelTestAnswer"));
    m_testAnswer->setWordWrap(true);
    m_testAnswer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testLayout = new QGridLayout(testBox);
    testLayout->addWidget(m_testTo, 0, 0);
    testLayout->addWidget(m_testText, 0, 1);
    testLayout->addWidget(m_test, 0, 2);
    testLayout->addWidget(m_testAnswer, 1, 0, 1, 3);
    testLayout->setColumnStretch(0, 2);
    testLayout->setColumnStretch(1, 3);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->addWidget(m_formTitle);
    rightLayout->addLayout(general);
    rightLayout->addWidget(m_configBox);
    rightLayout->addLayout(saveRow);
    rightLayout->addWidget(testBox);
    rightLayout->addStretch(1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({380, 620});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(splitter, 1);

    connect(m_add, &QPushButton::clicked, this, [this] { newService(); });
    connect(m_delete, &QPushButton::clicked, this, &ChannelsPage::removeCurrent);
    connect(m_save, &QPushButton::clicked, this, &ChannelsPage::save);
    connect(m_test, &QPushButton::clicked, this, &ChannelsPage::testSend);
    connect(m_name, &QLineEdit::textChanged, this, &ChannelsPage::validate);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        // A new provider has its own keys: nothing stored carries over.
        buildConfigForm(currentProvider(), {});
        validate();
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            editService(item->data(0, Qt::UserRole).toLongLong());
    });
    newService();
    reload();
}

ServiceProvider ChannelsPage::currentProvider() const
{
    return serviceProviderFromName(m_provider->currentData().toString()).value_or(ServiceProvider::Twilio);
}

void ChannelsPage::reload()
{
    runOnWorker(
        m_runtime.reader(), this,
        [](SqlContext &sql) {
            ExternalServiceFilter filter;
            filter.limit = 1000;
            auto services = ExternalServiceRepository::list(sql, filter);
            for (auto &service : services)
                service.config = maskServiceConfig(service.provider, service.config);
            return services;
        },
        [this](QList<ExternalService> services, const QString &error) {
            if (!error.isEmpty()) {
                setAnswer(tr("Could not read the services: %1").arg(error), true);
                return;
            }
            m_services = std::move(services);
            const QSignalBlocker block(m_list);
            m_list->clear();
            for (const auto &service : std::as_const(m_services)) {
                auto *item = new QTreeWidgetItem(m_list,
                    {service.name, typeTitle(service.type), serviceProviderTitle(service.provider),
                        service.active ? tr("yes") : tr("no")});
                item->setData(0, Qt::UserRole, service.id);
                if (service.id == m_currentId)
                    m_list->setCurrentItem(item);
            }
            if (m_services.isEmpty())
                new QTreeWidgetItem(m_list, {tr("No services yet: add one with the form on the right.")});
            Q_EMIT reloaded();
        });
}

void ChannelsPage::newService(ServiceProvider provider)
{
    m_currentId = 0;
    m_shownMasked = {};
    m_formTitle->setText(tr("New service"));
    m_name->clear();
    m_description->clear();
    m_active->setChecked(true);
    {
        const QSignalBlocker block(m_provider);
        m_provider->setEnabled(true);
        m_provider->setCurrentIndex(m_provider->findData(serviceProviderName(provider)));
    }
    buildConfigForm(provider, {});
    m_delete->setEnabled(false);
    m_test->setEnabled(false);
    m_test->setToolTip(tr("Save the service first"));
    m_testAnswer->clear();
    {
        const QSignalBlocker block(m_list);
        m_list->clearSelection();
        m_list->setCurrentItem(nullptr);
    }
    validate();
}

void ChannelsPage::editService(qint64 id)
{
    const auto it = std::find_if(
        m_services.cbegin(), m_services.cend(), [id](const ExternalService &s) { return s.id == id; });
    if (it == m_services.cend())
        return;
    m_currentId = id;
    m_shownMasked = it->config;
    m_formTitle->setText(tr("Edit %1").arg(it->name));
    m_name->setText(it->name);
    m_description->setText(it->description);
    m_active->setChecked(it->active);
    {
        const QSignalBlocker block(m_provider);
        m_provider->setCurrentIndex(m_provider->findData(serviceProviderName(it->provider)));
    }
    buildConfigForm(it->provider, it->config);
    m_delete->setEnabled(true);
    m_test->setEnabled(true);
    m_test->setToolTip(QString());
    m_testAnswer->clear();
    validate();
}

void ChannelsPage::buildConfigForm(ServiceProvider provider, const QJsonObject &maskedConfig)
{
    while (m_configForm->rowCount() > 0)
        m_configForm->removeRow(0);
    m_fields.clear();
    for (const auto &key : serviceConfigKeys(provider)) {
        auto *edit = new QLineEdit(m_configBox);
        edit->setObjectName(QStringLiteral("config_") + key.name);
        const auto value = maskedConfig.value(key.name);
        if (value.isString())
            edit->setText(value.toString());
        else if (value.isDouble())
            edit->setText(QString::number(value.toDouble()));
        edit->setPlaceholderText(placeholderFor(key));
        if (key.secret) {
            edit->setEchoMode(QLineEdit::Password);
            auto *reveal = edit->addAction(
                style()->standardIcon(QStyle::SP_FileDialogContentsView), QLineEdit::TrailingPosition);
            reveal->setObjectName(QStringLiteral("reveal_") + key.name);
            reveal->setCheckable(true);
            reveal->setToolTip(tr("Show or hide what is typed (a stored secret stays masked)"));
            connect(reveal, &QAction::toggled, edit,
                [edit](bool shown) { edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
            // A stored secret shows masked: the first edit replaces it whole.
            if (isMaskedValue(edit->text()))
                edit->setEchoMode(QLineEdit::Normal);
        }
        connect(edit, &QLineEdit::textChanged, this, &ChannelsPage::validate);
        m_fields.insert(key.name, edit);
        m_configForm->addRow(key.required ? key.name + QStringLiteral(" *") : key.name, edit);
    }
}

QJsonObject ChannelsPage::configFromForm() const
{
    QJsonObject config;
    for (const auto &key : serviceConfigKeys(currentProvider())) {
        const auto *edit = m_fields.value(key.name);
        if (!edit)
            continue;
        auto text = edit->text().trimmed();
        if (text.isEmpty())
            continue;
        if (key.format == ConfigFormat::PemPrivateKey)
            text.replace(QStringLiteral("\\n"), QStringLiteral("\n"));
        config.insert(key.name, text);
    }
    return config;
}

QStringList ChannelsPage::problems() const
{
    QStringList problems;
    if (m_name->text().trimmed().isEmpty())
        problems.append(tr("name is required"));
    const auto provider = currentProvider();
    const auto config = configFromForm();
    for (const auto &problem : validateServiceConfig(provider, config)) {
        // A stored secret left masked is kept as it is: its mask is not what is checked.
        bool keptSecret = false;
        for (auto it = config.begin(); it != config.end(); ++it) {
            if (problem.startsWith(QStringLiteral("config.") + it.key() + QLatin1Char(' '))
                && isSecretConfigKey(provider, it.key()) && m_currentId > 0
                && it.value().toString() == m_shownMasked.value(it.key()).toString())
                keptSecret = true;
        }
        if (!keptSecret)
            problems.append(problem);
    }
    return problems;
}

void ChannelsPage::validate()
{
    const auto list = problems();
    m_problems->setText(list.join(QLatin1Char('\n')));
    m_problems->setStyleSheet(QStringLiteral("color: %1").arg(errorColor));
    m_save->setEnabled(list.isEmpty());
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const bool bad = std::any_of(list.cbegin(), list.cend(), [&](const QString &problem) {
            return problem.startsWith(QStringLiteral("config.") + it.key() + QLatin1Char(' '));
        });
        it.value()->setStyleSheet(
            bad ? QStringLiteral("QLineEdit { border: 1px solid %1; }").arg(errorColor) : QString());
    }
}

void ChannelsPage::save()
{
    if (!problems().isEmpty())
        return;
    ExternalService service;
    service.id = m_currentId;
    service.name = m_name->text().trimmed();
    service.provider = currentProvider();
    service.type = serviceTypeOf(service.provider).value_or(ServiceType::Sms);
    service.active = m_active->isChecked();
    service.description = m_description->text();
    service.config = configFromForm();
    const auto shownMasked = m_shownMasked;
    auto id = std::make_shared<qint64>(0);
    SqlJob job;
    job.replyContext = this;
    job.run = [service, shownMasked, id](SqlContext &sql) mutable -> ApiResult {
        if (service.id > 0) {
            const auto stored = ExternalServiceRepository::get(sql, service.id);
            if (!stored)
                return ApiError {ErrorKind::NotFound, QStringLiteral("The service was deleted meanwhile")};
            // Secrets shown masked and left as they were keep their stored values.
            for (auto it = shownMasked.begin(); it != shownMasked.end(); ++it) {
                if (stored->provider == service.provider && isSecretConfigKey(service.provider, it.key())
                    && service.config.value(it.key()) == it.value())
                    service.config.insert(it.key(), stored->config.value(it.key()));
            }
            const auto problems = validateServiceConfig(service.provider, service.config);
            if (!problems.isEmpty())
                return ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; "))};
            service.createdAt = stored->createdAt;
            if (!ExternalServiceRepository::update(sql, service))
                return ApiError {ErrorKind::NotFound, QStringLiteral("The service was deleted meanwhile")};
        } else {
            const auto problems = validateServiceConfig(service.provider, service.config);
            if (!problems.isEmpty())
                return ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; "))};
            ExternalServiceRepository::create(sql, service);
        }
        *id = service.id;
        return ApiResponse {};
    };
    job.done = [this, id](const ApiResult &result) {
        if (const auto *error = std::get_if<ApiError>(&result)) {
            m_problems->setText(error->message);
            m_problems->setStyleSheet(QStringLiteral("color: %1").arg(errorColor));
            Q_EMIT saveFailed(error->message);
            return;
        }
        m_currentId = *id;
        connect(
            this, &ChannelsPage::reloaded, this,
            [this, id] {
                editService(*id);
                m_problems->setText(tr("Saved."));
                m_problems->setStyleSheet(QString());
                Q_EMIT saved(*id);
            },
            Qt::SingleShotConnection);
        reload();
    };
    m_runtime.writer().submit(std::move(job));
}

void ChannelsPage::removeCurrent()
{
    if (m_currentId <= 0)
        return;
    const qint64 id = m_currentId;
    SqlJob job;
    job.replyContext = this;
    job.run = [id](SqlContext &sql) -> ApiResult {
        ExternalServiceRepository::remove(sql, id);
        return ApiResponse {};
    };
    job.done = [this](const ApiResult &) {
        newService();
        reload();
    };
    m_runtime.writer().submit(std::move(job));
}

void ChannelsPage::testSend()
{
    if (m_currentId <= 0)
        return;
    channels::OutgoingMessage message;
    message.to = m_testTo->text().trimmed();
    message.body = m_testText->text();
    message.subject = tr("Switchboard test");
    message.idempotencyKey = QStringLiteral("test:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (message.body.trimmed().isEmpty()) {
        setAnswer(tr("Write the text to send."), true);
        return;
    }
    m_test->setEnabled(false);
    setAnswer(tr("Sending…"), false);
    const qint64 id = m_currentId;
    auto &outbox = m_runtime.outbox();
    const auto environment = m_runtime.options().environment;
    runOnWorker(
        m_runtime.reader(), this, [id](SqlContext &sql) { return ExternalServiceRepository::get(sql, id); },
        [this, message, &outbox, environment](std::optional<ExternalService> service, const QString &error) {
            if (!service) {
                m_test->setEnabled(true);
                setAnswer(error.isEmpty() ? tr("The service was deleted.") : error, true);
                return;
            }
            sendTestMessage(outbox, *service, message, environment, this, [this](const ApiResult &result) {
                m_test->setEnabled(m_currentId > 0);
                if (const auto *error = std::get_if<ApiError>(&result)) {
                    setAnswer(error->message, true);
                    return;
                }
                const auto answer = QJsonDocument::fromJson(std::get<ApiResponse>(result).body).object();
                setAnswer(answerText(answer), !answer.value(QStringLiteral("success")).toBool());
                Q_EMIT testAnswered(answer);
            });
        });
}

void ChannelsPage::setAnswer(const QString &text, bool error)
{
    m_testAnswer->setText(text);
    m_testAnswer->setStyleSheet(error ? QStringLiteral("color: %1").arg(errorColor) : QString());
}

} // namespace sb
