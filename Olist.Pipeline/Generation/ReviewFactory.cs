using Olist.Pipeline.Catalog;
using Olist.Pipeline.Generation.Reference;

namespace Olist.Pipeline.Generation;

/// <summary>Writes customers' reviews: scores by how the delivery went, Portuguese comments for some, survey dates after delivery.</summary>
internal sealed class ReviewFactory(RandomStream random)
{
    /// <summary>Score mix (1 to 5) of orders delivered on time, and of late or undelivered ones; together they give the real 11.5/3.2/8.2/19.3/57.8%.</summary>
    private static readonly WeightedIndex HappyScores = new([6.2, 2.8, 8.0, 20.5, 62.5]);

    private static readonly WeightedIndex UnhappyScores = new([51, 8, 11, 10, 20]);

    /// <summary>Chance of a comment by score: unhappy customers write more (59% of reviews have none).</summary>
    private static readonly double[] MessageChance = [0.75, 0.70, 0.55, 0.35, 0.34];

    private const double TitleChance = 0.12;

    /// <summary>Real 768 of 99,441 orders have no review.</summary>
    private const double NoReviewChance = 768.0 / 99_441;

    /// <summary>Real 551 orders have a second review.</summary>
    private const double SecondReviewChance = 551.0 / 98_673;

    /// <summary>Real 814 review ids are shared by two orders (one survey for orders placed together).</summary>
    private const double SharedIdChance = 814.0 / 98_673;

    private HexId? lastReviewId;

    public void AddReviews(Order order, List<Review> reviews)
    {
        if (random.Chance(NoReviewChance))
        {
            return;
        }

        var id = lastReviewId is { } shared && random.Chance(SharedIdChance) ? shared : random.NextId();
        lastReviewId = id;
        var first = Draw(id, order, order.Delivered?.Date ?? order.EstimatedDelivery.Date);
        reviews.Add(first);
        if (random.Chance(SecondReviewChance))
        {
            reviews.Add(Draw(random.NextId(), order, first.Answered.Date.AddDays(random.Between(1, 10))));
        }
    }

    private Review Draw(HexId id, Order order, DateTime surveyDay)
    {
        var unhappy = order.Status != OrderStatuses.Delivered || order.DeliveredLate;
        var score = (unhappy ? UnhappyScores : HappyScores).Next(random) + 1;
        var created = surveyDay.AddDays(random.Chance(0.7) ? 1 : 0);
        var answered = created.AddHours(6 + random.Exponential(60)).AddSeconds(random.Next(3600));
        var title = random.Chance(TitleChance) ? Pick(score, ReviewTexts.GoodTitles, ReviewTexts.NeutralTitles, ReviewTexts.BadTitles) : null;
        var message = random.Chance(MessageChance[score - 1]) ? Pick(score, ReviewTexts.GoodMessages, ReviewTexts.NeutralMessages, ReviewTexts.BadMessages) : null;
        return new Review(id, order, score, title, message, created, answered);
    }

    private string Pick(int score, IReadOnlyList<string> good, IReadOnlyList<string> neutral, IReadOnlyList<string> bad)
    {
        var texts = score switch
        {
            >= 4 => good,
            3 => neutral,
            _ => bad,
        };
        return texts[random.Next(texts.Count)];
    }
}
