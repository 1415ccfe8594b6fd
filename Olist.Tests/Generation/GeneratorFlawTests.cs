namespace Olist.Tests.Generation;

/// <summary>The real data's quality problems are planted so cleaning rules have something to do.</summary>
[Collection(SharedGeneratedDataset.Name)]
public sealed class GeneratorFlawTests(GeneratedDataset dataset)
{
    [Fact]
    public void Some_products_lack_category_sheet_or_measures_and_some_categories_lack_a_translation()
    {
        var products = dataset.Rows(OlistCatalog.Products);
        var uncategorised = products.Where(p => p["product_category_name"].Length == 0).ToList();
        Assert.InRange(uncategorised.Count, 20, 40);
        Assert.All(uncategorised, p => Assert.Equal("", p["product_name_lenght"] + p["product_description_lenght"] + p["product_photos_qty"]));
        Assert.Contains(products, p => p["product_weight_g"].Length == 0 && p["product_width_cm"].Length == 0);

        var translated = dataset.Rows(OlistCatalog.CategoryTranslation).Select(t => t["product_category_name"]).ToHashSet();
        var untranslated = products.Select(p => p["product_category_name"]).Where(c => c.Length > 0 && !translated.Contains(c)).ToHashSet();
        Assert.Equal(["pc_gamer", "portateis_cozinha_e_preparadores_de_alimentos"], untranslated.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Orders_miss_some_timestamps_and_some_shipping_limits_lie_years_ahead()
    {
        var orders = dataset.Rows(OlistCatalog.Orders);
        Assert.Contains(orders, o => o["order_status"] == "delivered" && o["order_delivered_customer_date"].Length == 0);
        Assert.InRange(orders.Count(o => o["order_approved_at"].Length == 0), 2, 20);

        var farFuture = GeneratedDataset.EndDate.AddYears(1).ToDateTime(TimeOnly.MinValue);
        var limits = dataset.Rows(OlistCatalog.OrderItems).Select(i => DateTime.ParseExact(i["shipping_limit_date"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.InRange(limits.Count(l => l > farFuture), 1, 5);
    }

    [Fact]
    public void Payments_include_undefined_zero_and_missing_ones()
    {
        var payments = dataset.Rows(OlistCatalog.OrderPayments);
        Assert.Contains(payments, p => p["payment_type"] == "not_defined" && p["payment_value"] == "0.00");
        Assert.True(payments.Count(p => p["payment_value"] == "0.00") >= 2);

        var paid = payments.Select(p => p["order_id"]).ToHashSet();
        Assert.Single(dataset.Rows(OlistCatalog.Orders), o => !paid.Contains(o["order_id"]));
    }

    [Fact]
    public void Reviews_share_ids_across_orders_repeat_for_some_orders_and_miss_for_others()
    {
        var reviews = dataset.Rows(OlistCatalog.OrderReviews);
        Assert.Contains(reviews.GroupBy(r => r["review_id"]), g => g.Select(r => r["order_id"]).Distinct().Count() > 1);
        Assert.Contains(reviews.GroupBy(r => r["order_id"]), g => g.Count() > 1);
        var reviewed = reviews.Select(r => r["order_id"]).ToHashSet();
        Assert.InRange(dataset.Rows(OlistCatalog.Orders).Count(o => !reviewed.Contains(o["order_id"])), 10, 80);
    }

    [Fact]
    public void Geolocation_repeats_rows_strays_abroad_and_mixes_city_spellings()
    {
        var rows = dataset.Rows(OlistCatalog.Geolocation);
        var distinct = rows.Select(r => string.Join(',', r["geolocation_zip_code_prefix"], r["geolocation_lat"], r["geolocation_lng"], r["geolocation_city"])).Distinct().Count();
        Assert.InRange(100.0 * (rows.Count - distinct) / rows.Count, 23.0, 29.0);
        Assert.InRange(rows.Select(r => r["geolocation_zip_code_prefix"]).Distinct().Count(), 850, 1_050);

        var outside = rows.Count(r =>
        {
            var lat = double.Parse(r["geolocation_lat"], CultureInfo.InvariantCulture);
            var lng = double.Parse(r["geolocation_lng"], CultureInfo.InvariantCulture);
            return lat is < -33.75 or > 5.27 || lng is < -73.99 or > -34.79;
        });
        Assert.InRange(outside, 1, 10);

        var spellings = rows.Select(r => r["geolocation_city"]).ToHashSet();
        Assert.Contains("sao paulo", spellings);
        Assert.Contains("são paulo", spellings);
        Assert.Contains("SAO PAULO", spellings);
    }

    [Fact]
    public void Customer_and_seller_zips_mostly_exist_in_geolocation()
    {
        var prefixes = dataset.Rows(OlistCatalog.Geolocation).Select(r => r["geolocation_zip_code_prefix"]).ToHashSet();
        var customers = dataset.Rows(OlistCatalog.Customers);
        var missing = customers.Count(c => !prefixes.Contains(c["customer_zip_code_prefix"]));
        Assert.InRange(missing, 1, customers.Count / 50);
        var sellers = dataset.Rows(OlistCatalog.Sellers);
        Assert.True(sellers.Count(s => prefixes.Contains(s["seller_zip_code_prefix"])) >= sellers.Count * 0.97);
    }
}
