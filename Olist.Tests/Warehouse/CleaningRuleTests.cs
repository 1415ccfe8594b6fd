namespace Olist.Tests.Warehouse;

/// <summary>The cleaning rules of metrics.md section 2 act on the generator's planted flaws, and their counts say so.</summary>
[Collection(SharedBuiltWarehouse.Name)]
public sealed class CleaningRuleTests(BuiltWarehouse warehouse)
{
    private Task<long> RuleCountAsync(string rule, string table) =>
        warehouse.CountAsync($"SELECT row_count FROM staging.stg_cleaning_counts WHERE rule = '{rule}' AND table_name = '{table}'");

    [Fact]
    public async Task Products_without_category_become_unknown_and_are_counted()
    {
        var uncategorised = await warehouse.CountAsync("SELECT COUNT(*) FROM raw.products WHERE trim(coalesce(product_category_name, '')) = ''");

        Assert.True(uncategorised > 0);
        Assert.Equal(uncategorised, await RuleCountAsync("category_unknown", "products"));
        Assert.Equal(uncategorised, await warehouse.CountAsync(
            "SELECT COUNT(*) FROM staging.stg_products WHERE product_category = 'unknown' AND product_category_name IS NULL"));
    }

    [Fact]
    public async Task Untranslated_categories_keep_the_Portuguese_name_and_are_counted()
    {
        var untranslated = await warehouse.QueryAsync("""
            SELECT p.product_category_name, s.product_category
            FROM raw.products AS p
            INNER JOIN staging.stg_products AS s ON s.product_id = p.product_id
            WHERE p.product_category_name IS NOT NULL
                AND p.product_category_name NOT IN (SELECT product_category_name FROM raw.product_category_name_translation)
            """);

        Assert.NotEmpty(untranslated);
        Assert.All(untranslated, row => Assert.Equal(row[0], row[1]));
        Assert.Equal(untranslated.Count, await RuleCountAsync("category_untranslated", "products"));
    }

    [Fact]
    public async Task Geolocation_points_outside_Brazil_are_counted_and_left_out_of_the_medians()
    {
        var outside = await warehouse.CountAsync("""
            SELECT COUNT(*) FROM raw.geolocation
            WHERE NOT (CAST(geolocation_lat AS DOUBLE) BETWEEN -33.75 AND 5.27 AND CAST(geolocation_lng AS DOUBLE) BETWEEN -73.99 AND -34.79)
            """);

        Assert.True(outside > 0);
        Assert.Equal(outside, await RuleCountAsync("outside_brazil", "geolocation"));
        Assert.Equal(0, await warehouse.CountAsync(
            "SELECT COUNT(*) FROM staging.stg_geolocation WHERE NOT (latitude BETWEEN -33.75 AND 5.27 AND longitude BETWEEN -73.99 AND -34.79)"));
        Assert.Equal(
            await warehouse.CountAsync("SELECT COUNT(DISTINCT geolocation_zip_code_prefix) FROM raw.geolocation"),
            await warehouse.CountAsync("SELECT COUNT(*) FROM staging.stg_geolocation"));
    }

    [Fact]
    public async Task Shared_review_ids_and_orders_with_several_reviews_are_kept_flagged_and_averaged()
    {
        Assert.True(await RuleCountAsync("review_id_shared", "order_reviews") > 0);
        Assert.True(await RuleCountAsync("order_multiple_reviews", "order_reviews") > 0);
        Assert.Equal(
            await warehouse.CountAsync("SELECT COUNT(*) FROM (SELECT DISTINCT review_id, order_id FROM raw.order_reviews)"),
            await warehouse.CountAsync("SELECT COUNT(*) FROM staging.stg_order_reviews"));

        var scores = await warehouse.QueryAsync("""
            SELECT f.review_score, AVG(CAST(r.review_score AS DOUBLE))
            FROM marts.fact_orders AS f
            INNER JOIN raw.order_reviews AS r ON r.order_id = f.order_id
            GROUP BY f.order_id, f.review_score
            HAVING COUNT(*) > 1
            """);
        Assert.NotEmpty(scores);
        Assert.All(scores, row => Assert.Equal((double)row[1]!, (double)row[0]!, 9));
    }

    [Fact]
    public async Task Every_rule_is_listed_with_an_action_and_dropped_counts_match_the_quarantine()
    {
        var counts = await warehouse.QueryAsync("SELECT table_name, CAST(SUM(row_count) AS BIGINT) FROM staging.stg_cleaning_counts WHERE action = 'dropped' GROUP BY table_name");
        var quarantined = await warehouse.CountAsync("SELECT COUNT(*) FROM staging.stg_quarantine");

        Assert.Equal(9, counts.Count);
        Assert.Equal(quarantined, counts.Sum(row => Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0, await warehouse.CountAsync("SELECT COUNT(*) FROM staging.stg_cleaning_counts WHERE action NOT IN ('fixed', 'dropped', 'flagged')"));
    }
}
