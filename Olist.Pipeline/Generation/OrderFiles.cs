using Olist.Pipeline.Catalog;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Generation;

/// <summary>Writes the five files of the order history: customers, orders, items, payments and reviews.</summary>
internal static class OrderFiles
{
    public static IEnumerable<GeneratedFile> Write(string directory, OrderHistory history, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        yield return CsvTableWriter.WriteFile(directory, OlistCatalog.Customers, history.Customers, progress, (file, customer) =>
        {
            file.Id(customer.Id);
            file.Id(customer.PersonId);
            file.Zip(customer.Address.ZipPrefix);
            file.Field(customer.Address.City);
            file.Field(customer.Address.State.Code);
        },
        cancellationToken);
        yield return CsvTableWriter.WriteFile(directory, OlistCatalog.Orders, history.Orders, progress, (file, order) =>
        {
            file.Id(order.Id);
            file.Id(order.Customer.Id);
            file.Field(order.Status);
            file.Time(order.Purchase);
            file.Time(order.Approved);
            file.Time(order.HandedToCarrier);
            file.Time(order.Delivered);
            file.Time(order.EstimatedDelivery);
        },
        cancellationToken);
        yield return CsvTableWriter.WriteFile(directory, OlistCatalog.OrderItems, history.Items, progress, (file, item) =>
        {
            file.Id(item.Order.Id);
            file.Whole(item.Sequence);
            file.Id(item.Product.Id);
            file.Id(item.Product.Seller.Id);
            file.Time(item.ShippingLimit);
            file.Money(item.PriceCents);
            file.Money(item.FreightCents);
        },
        cancellationToken);
        yield return CsvTableWriter.WriteFile(directory, OlistCatalog.OrderPayments, history.Payments, progress, (file, payment) =>
        {
            file.Id(payment.Order.Id);
            file.Whole(payment.Sequence);
            file.Field(payment.Type);
            file.Whole(payment.Installments);
            file.Money(payment.ValueCents);
        },
        cancellationToken);
        yield return CsvTableWriter.WriteFile(directory, OlistCatalog.OrderReviews, history.Reviews, progress, (file, review) =>
        {
            file.Id(review.Id);
            file.Id(review.Order.Id);
            file.Whole(review.Score);
            file.Field(review.Title);
            file.Field(review.Message);
            file.Time(review.Created);
            file.Time(review.Answered);
        },
        cancellationToken);
    }
}
